"""Tests of the `state` stage."""
