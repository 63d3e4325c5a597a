"""Reading and understanding agreements: pure functions over the domain."""
