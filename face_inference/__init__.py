"""Predict gender, age bin and race from face photos with a multi-task fastai ResNet50, and build its training set from raw photos

Modules:

- `face_inference.annotate`: Automatic pre-labels from a model, ranked for review; the labels database that keeps every change people make; the review queue; and the export of reviewed labels into the manifest.
- `face_inference.cli`: The `face-inference` command: one entry point, one subcommand per stage of the study, each built from the signature and docments of the function it runs.
- `face_inference.core`: The label space and the mapping of source labels to it, safe image loading, and the data folder with its manifest: the contract every other module builds on.
- `face_inference.cropping`: Align faces on five landmarks into 224 x 224 crops, and the resumable, parallel batch job `process` that turns the raw photos of a data folder into face crops and manifest rows.
- `face_inference.detection`: Find faces and their 5 landmarks (dlib, dlib's CNN, MTCNN or InsightFace behind one interface), and check their quality.
- `face_inference.download`: Download the image URLs of an avatar CSV into the data folder: concurrently, with timeouts, retries and size limits, keeping only images that decode, named by content hash; resumable, with a status and reason per URL.
- `face_inference.evaluation`: Per-task metrics, per-group accuracy gaps and calibration of a model's predictions, and the report that shows them: `metrics.json`, confusion matrices, reliability diagrams, a gallery of confident errors and a summary.
- `face_inference.infer`: Predict gender, age bin and race for the faces in photos: `predict`, the `Predictor` that loads a model once, the torch and ONNX Runtime backends, and the `predict` command.
- `face_inference.labels`: Importers for FairFace, UTKFace, scraped avatars and folders of photos; a split that keeps owners and near-duplicates on one side and balances every class; the label-distribution study.
- `face_inference.learner`: The training run: its recipe (`TrainConfig`), the crop of its faces, `train`, the model card it writes, and the `face-inference train` command. The model, data, loss and metrics it trains with are in `multitask`.
- `face_inference.multitask`: The multi-task model and what trains it: data loaders from the manifest, a ResNet with three heads, a loss for set and missing labels, per-task metrics, mixed precision, safetensors checkpoints, and the callbacks that keep the best epoch and resume a run. `learner.train` puts them together.
- `face_inference.onnx_export`: Export a model to ONNX with its labels and preprocessing in the graph's metadata, checked against torch; int8 quantisation calibrated on face crops; and the `export-onnx` command.
- `face_inference.review`: The web page on which people check and correct labels one face at a time: a FastAPI service over the labels database of `annotate`, and the `face-inference annotate` command that serves it or exports the labels.
- `face_inference.sample`: A generated, labeled, **synthetic** sample for demos and tests, and the real photos that installed packages ship, for detection demos.
- `face_inference.screen`: Tell AI-generated faces from photographs: the screen that ships and is on by default, the screening models a user can give instead, and `screen-train`, which retrains the screen on new generators."""

__version__ = "0.1.0"
