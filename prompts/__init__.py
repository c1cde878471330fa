"""Prompt templates, one plain-text file each, installed as ``assistant.prompts``.

Loaded by name with ``assistant.templates.render``; each file uses ``${name}`` placeholders
and every placeholder must be supplied.
"""
