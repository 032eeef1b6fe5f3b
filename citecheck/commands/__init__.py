"""The commands: one module per ``citecheck`` command, each a thin orchestration over the stages.

:mod:`citecheck.cli` parses the command line and calls these; they read settings, call the
pipeline and the stages, guard and write files, and return what to print. Stages never import
a command.
"""
