"""A call folder: call.yaml and its blocks (typed), dossiers, ratings, the séance journal."""
