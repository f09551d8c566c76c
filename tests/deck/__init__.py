"""Tests of the `deck` stage."""
