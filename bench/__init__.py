"""Benchmarks behind `omsdesk bench`: every figure stands beside a baseline measured in the same run."""
