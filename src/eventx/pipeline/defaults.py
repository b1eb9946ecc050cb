"""The default token-vector layer of the components' default models.

Configs normally replace it with a listener (to a transformer or a shared
tok2vec); it lets a component be built on its own, e.g. in tests.
"""

DEFAULT_TOK2VEC = """
[model.tok2vec]
@architectures = "spacy.HashEmbedCNN.v2"
pretrained_vectors = null
width = 96
depth = 4
embed_size = 2000
window_size = 1
maxout_pieces = 3
subword_features = true
"""
