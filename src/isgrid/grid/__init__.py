"""The grid language: the model, loading and resolving, checks, scales, facts, views."""
