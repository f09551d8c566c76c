"""Tests of the `anki` stage."""
