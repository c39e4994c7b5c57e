"""Dated partnership activities, and the teacher practice each Bay Area practice activity is."""
