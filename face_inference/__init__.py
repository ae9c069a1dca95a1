"""Predict gender, age bin and race from face photos with a multi-task fastai ResNet50, and build its training set from raw photos

Modules:

- `face_inference.detection`: Find faces and their 5 landmarks (dlib or InsightFace behind one interface), check their quality, and screen them for generated or spoofed faces."""

__version__ = "0.1.0"
