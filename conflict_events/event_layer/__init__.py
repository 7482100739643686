"""The trained event layer: argument roles, event coreference, event type and casualty grouping,
learned from the argument links of the annotations (annotations/README.md) on the tagger's encoder.

    spans (gold or predicted) ─▶ candidates.py (pairs + hand features, pure)
                               ─▶ encoder.py (span embeddings from the tagger's encoder)
                               ─▶ network.py (small heads, safetensors in the model folder)
                               ─▶ decode.py (clusters, roles, counts ─▶ Event records, pure)

Number parsing, vague counts, dates and geocoding stay deterministic (``conflict_events.events``).
Import from the submodules (``conflict_events.event_layer.layer.EventLayer``): this package stays
import-free so that the CLI loads without torch.
"""
