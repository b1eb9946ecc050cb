"""Int8 inference: the transformer's linear layers with 8-bit weights.

PyTorch's dynamic quantization stores each linear layer's weights as int8 and
quantizes its inputs on the fly. On CPU the small encoder then runs about 1.7
times as fast, and on the dev split no score moved (models/README.md). It is
for inference only: a quantized pipeline can no longer be trained or saved, so
eventx quantizes only where it runs a pipeline (extract, evaluate, workers).
"""
import warnings
from typing import Any

from .loading import load_pipeline, thinc_layers


def quantize_int8(nlp: Any) -> int:
    """Quantize the linear layers of the PyTorch models in nlp's components, in place.

    Models on a GPU and pipelines without PyTorch layers (the CNN pipeline) are
    left as they are. Quantizing twice changes nothing.
    nlp (Language): the pipeline.
    RETURNS (int): how many PyTorch models were quantized.
    """
    try:
        import torch
        from thinc.shims import PyTorchShim
    except ImportError:  # pragma: no cover  (spacy-transformers needs torch)
        return 0
    quantize = getattr(getattr(torch.ao, "quantization", None), "quantize_dynamic", None)
    if quantize is None:  # pragma: no cover  (a torch without eager-mode quantization)
        warnings.warn("this torch has no torch.ao.quantization.quantize_dynamic; running in float32")
        return 0
    count = 0
    for node in thinc_layers(nlp):
        for shim in node.shims:
            if isinstance(shim, PyTorchShim) and _quantizable(shim._model, torch):
                with warnings.catch_warnings():  # the eager-mode API's deprecation notice
                    warnings.simplefilter("ignore")
                    shim._model = quantize(shim._model, {torch.nn.Linear}, dtype=torch.qint8)
                count += 1
    return count


def load_for_inference(model: str, *, int8: bool = True) -> Any:
    """A pipeline loaded as `eventx extract` runs it: load_pipeline, then quantize_int8 unless int8 is False.

    model (str): a pipeline folder, or "keywords" for the baseline.
    RETURNS (Language): the pipeline.
    """
    nlp = load_pipeline(model)
    if int8:
        quantize_int8(nlp)
    return nlp


def is_quantized(nlp: Any) -> bool:
    """Whether quantize_int8 has run on nlp (its weights are int8 from then on)."""
    try:
        from torch.ao.nn.quantized.dynamic import Linear as QuantizedLinear
        from thinc.shims import PyTorchShim
    except ImportError:  # pragma: no cover
        return False
    return any(isinstance(m, QuantizedLinear)
               for node in thinc_layers(nlp) for shim in node.shims if isinstance(shim, PyTorchShim)
               for m in shim._model.modules())


def _quantizable(module, torch) -> bool:
    linear = [m for m in module.modules() if isinstance(m, torch.nn.Linear)]
    return bool(linear) and all(m.weight.device.type == "cpu" for m in linear)
