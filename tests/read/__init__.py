"""Tests of the `read` stage."""
