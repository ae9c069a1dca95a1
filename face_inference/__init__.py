"""Predict gender, age bin and race from face photos with a multi-task fastai ResNet50, and build its training set from raw photos

Modules:

- `face_inference.annotate`: The web page on which people check and correct labels one face at a time: a FastAPI service over the labels database of `prelabel`, and the `face-inference annotate` command that serves it or exports the labels.
- `face_inference.backends`: Find a model and run it: `find_model`, the torch and ONNX Runtime backends that give each task's probabilities in the label space's order, and the checks a model's metadata and outputs must pass.
- `face_inference.cli`: The `face-inference` command: the command table and `main`, at the top of the library. Each subcommand's options are built (by `script.add_args`) from the signature and docments of the function it runs.
- `face_inference.core`: The label space and the mapping of source labels to it, safe image loading, and the data folder with its manifest: the contract every other module builds on.
- `face_inference.detection`: Find faces and their 5 landmarks (dlib, dlib's CNN, MTCNN or InsightFace behind one interface), and check their quality.
- `face_inference.download`: Download the image URLs of an avatar CSV into the data folder: concurrently, with timeouts, retries and size limits, keeping only images that decode, named by content hash; resumable, with a status and reason per URL.
- `face_inference.evaluation`: The evaluation of a model on a data folder: its report (`metrics.json`, confusion matrices, reliability diagrams, a gallery of confident errors, a summary), and the end-to-end figures of `predict` on the original photos beside the crop-level ones.
- `face_inference.infer`: Predict gender, age bin and race for the faces in photos: the `Predictor` that loads a model and its face pipeline once, `predict`, drawings, and the `predict` command.
- `face_inference.labels`: Importers for FairFace, UTKFace, scraped avatars and folders of photos; a split that keeps owners and near-duplicates on one side and balances every class; the label-distribution study.
- `face_inference.metrics`: Scores of predictions, whatever model made them: set-label accuracy, balanced accuracy, macro-F1 and 1-off accuracy, accuracy by group, calibration and temperature scaling, and `evaluate_predictions` that computes them all.
- `face_inference.model`: The network and its files: `FaceNet` (a ResNet body and one head per task), saved as safetensors weights and JSON metadata (the label space, the input, the crop and the face pipeline it was trained on), loaded without unpickling anything and checked.
- `face_inference.multitask`: What trains the model: data loaders from the manifest, a loss for set and missing labels, per-task metrics, mixed precision, the learner, and the callbacks that keep the best epoch and resume a run. `train.train` puts them together.
- `face_inference.onnx_export`: Export a model to ONNX with its labels and preprocessing in the graph's metadata, checked against torch; int8 quantisation calibrated on face crops; and the `export-onnx` command.
- `face_inference.pipeline`: From a photo to its faces: the alignment on five landmarks into the canonical crop, and `FacePipeline`, the one picklable object that holds the detector and its options, the quality thresholds, the crop and the AI-face screen, shared by `process`, `train` and `predict`.
- `face_inference.prelabel`: Automatic pre-labels from a model, ranked for review; the labels database that keeps every change people make; the review queue; and the export of reviewed labels into the manifest.
- `face_inference.process`: The resumable, parallel batch job `process`: the photos of a data folder through one `FacePipeline`, into face crops and manifest rows.
- `face_inference.recipe`: The recipe of a training run (`TrainConfig`), the crop and face pipeline of its faces, and the model card it writes; light to import (no torch), so that `face-inference train --help` answers at once.
- `face_inference.sample`: A generated, labeled, **synthetic** sample for demos and tests, and the real photos that installed packages ship, for detection demos.
- `face_inference.screen`: Tell AI-generated faces from photographs: the screen that ships and is on by default, and the screening models a user can give instead (spectral, ONNX, CNN). Training a screen is in `11_screen_train`.
- `face_inference.screen_train`: Train the AI-face screen on folders of real and generated photos, measure it as its users meet it, and the `screen-train` command that retrains it on new generators.
- `face_inference.split`: A split that keeps owners and near-duplicates on one side and balances every class, and the label-distribution study of a data folder: the `split` and `analyze` commands.
- `face_inference.train`: The training run: `train` puts the recipe (`TrainConfig`), the data, the model and the callbacks of `multitask` together, writes the model and its card, and is the `face-inference train` command.
- `face_inference.utkface`: The CPU recipe on UTKFace as one command: import, split, detect and align, train from scratch, and score the valid split on the aligned crops and end to end."""

__version__ = "0.1.0"
