"""Comparing grids: coverage, crosswalk, differences, calls, projection."""
