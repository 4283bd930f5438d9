"""Exports of a clip's motion for other tools: ARKit CSV (Live Link Face layout)."""
