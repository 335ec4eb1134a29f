"""Tests of the store (lib.store) on SQLite and on a throwaway PostgreSQL + PostGIS cluster."""
