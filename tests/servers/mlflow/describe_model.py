"""Loads a registered model with MLflow's own client and prints what a user of it sees, as one JSON line.

Usage: MLFLOW_TRACKING_URI=... PYTHONPATH=<mlflow src> python3 describe_model.py MODEL_URI
(e.g. models:/sentiment-specialist@champion). Needs Debian's python3-onnx beside the server's packages.
"""
import hashlib
import json
import os
import sys

import mlflow
import mlflow.onnx
import onnx
from onnx import helper

uri = sys.argv[1]
model = mlflow.onnx.load_model(uri)  # downloads the model directory and runs onnx.checker
info = mlflow.models.get_model_info(uri)
local = mlflow.artifacts.download_artifacts(uri)
with open(os.path.join(local, "model.onnx"), "rb") as f:
    onnx_bytes = f.read()
with open(os.path.join(local, "model.onnx.sha256"), encoding="ascii") as f:
    checksum = f.read()


def np_dtype(elem_type):
    # onnx >= 1.13 has helper.tensor_dtype_to_np_dtype; Debian 12's 1.12 only the mapping table.
    if hasattr(helper, "tensor_dtype_to_np_dtype"):
        return helper.tensor_dtype_to_np_dtype(elem_type)
    return onnx.mapping.TENSOR_TYPE_TO_NP_TYPE[elem_type]


def tensor(value_info):
    t = value_info.type.tensor_type
    return {
        "name": value_info.name,
        "dtype": str(np_dtype(t.elem_type)),
        "shape": [d.dim_value if d.HasField("dim_value") else -1 for d in t.shape.dim],
    }


release = next((row for row in helper.VERSION_TABLE if row[0] == info.flavors["onnx"]["onnx_version"]), None)
print(json.dumps({
    "loaded_type": type(model).__module__ + "." + type(model).__name__,
    "graph_inputs": [tensor(i) for i in model.graph.input],
    "graph_outputs": [tensor(o) for o in model.graph.output],
    "ir_version": model.ir_version,
    "opsets": {o.domain or "ai.onnx": o.version for o in model.opset_import},
    # What the release named by onnx_version supports: (IR version, ai.onnx opset, ai.onnx.ml opset).
    "onnx_release": list(release[1:4]) if release else None,
    "signature": info.signature.to_dict(),
    "flavors": info.flavors,
    "metadata": info.metadata,
    "run_id": info.run_id,
    "artifact_path": info.artifact_path,
    "mlflow_version": info.mlflow_version,
    "utc_time_created": info.utc_time_created,
    "model_uuid": info.model_uuid,
    "sha256_of_model": hashlib.sha256(onnx_bytes).hexdigest(),
    "checksum_file": checksum,
}))
