"""Tests of the `cards` stage."""
