"""Benchmarks: a synthetic corpus generator and the measurements that run against it (see README.md)."""
