"""Dossiers in from Démarche Numérique: an export file (XLSX, ODS, CSV) or the GraphQL API.

Both readers give the same :class:`~isgrid.intake.source.Source` (what the
platform says, with the place of every value); :mod:`isgrid.intake.mapping`
turns it into dossier facts through the call's ``intake`` block, and
:mod:`isgrid.intake.refresh` writes them through the dossier contract
(``dossiers/<id>.yaml``) and reports what changed.  ``docs/intake.md``.
"""
