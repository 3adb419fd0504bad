"""Self-assessment: a project holder's answers scored with the engine's rules."""
