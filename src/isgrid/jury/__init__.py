"""The jury's workflow: workbooks for jurors, their import, assignment,
calibration of juror severity, and the sensitivity of the funding line.

Every module here reads a loaded call (:func:`isgrid.call.load.load_call`) and the
engine's result; none of them changes raw ratings or ``call.yaml``.
"""
