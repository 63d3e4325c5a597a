"""foedus: read, analyse, compare and negotiate security agreements, provision by provision."""
