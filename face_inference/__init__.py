"""Predict gender, age bin and race from face photos with a multi-task fastai ResNet50, and build its training set from raw photos

Modules:

- `face_inference.annotate`: Automatic pre-labels from a model, ranked for review, and a small web service in which people check and correct labels one face at a time, with every change kept.
- `face_inference.cli`: The `face-inference` command: one entry point, one subcommand per stage of the study, and the demo that runs the study end to end on the synthetic sample.
- `face_inference.core`: The label space and the mapping of source labels to it, safe image loading, and the data folder with its manifest: the contract every other module builds on.
- `face_inference.cropping`: Align faces on five landmarks into 224 x 224 crops, and the resumable, parallel batch job `process` that turns the raw photos of a data folder into face crops and manifest rows.
- `face_inference.detection`: Find faces and their 5 landmarks (dlib or InsightFace behind one interface), check their quality, and screen them for generated or spoofed faces.
- `face_inference.download`: Download the image URLs of an avatar CSV into the data folder: concurrently, with timeouts, retries and size limits, keeping only images that decode, named by content hash; resumable, with a status and reason per URL.
- `face_inference.evaluation`: Per-task metrics, per-group accuracy gaps and calibration of a model's predictions, and the report that shows them: `metrics.json`, confusion matrices, reliability diagrams, a gallery of confident errors and a summary.
- `face_inference.infer`: Predict gender, age bin and race for the faces in photos: `predict`, the `Predictor` that loads a model once, ONNX export, an ONNX Runtime backend with int8 quantisation, and the `predict` and `export-onnx` commands.
- `face_inference.labels`: Importers for FairFace, UTKFace and scraped avatars; a split that keeps owners and near-duplicates on one side and balances every class; the label-distribution study.
- `face_inference.learner`: The multi-task fastai learner: data loaders from the manifest, a ResNet with three heads, a loss for set and missing labels, per-task metrics, mixed precision, safetensors checkpoints and the `train` command.
- `face_inference.sample`: A generated, labeled, **synthetic** sample for demos and tests, and the real photos that installed packages ship, for detection demos."""

__version__ = "0.1.0"
