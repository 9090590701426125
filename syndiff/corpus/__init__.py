"""Corpus mode: story groups found in a pile of articles, each compared, outlets profiled.
Sits around the core (it imports it, never the reverse); the work runs on Dask."""
