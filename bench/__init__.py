"""Benchmarks: synthetic networks, a naive baseline app, and the measurements."""
