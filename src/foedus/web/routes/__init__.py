"""Routes: pages (server-rendered HTML), form actions, and the JSON API under /api/v1."""
