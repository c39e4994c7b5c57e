"""The roster with names: who may see it, each teacher's status explained, the action list."""
