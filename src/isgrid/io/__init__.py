"""Reading inputs with positions and encodings, and writing outputs safely."""
