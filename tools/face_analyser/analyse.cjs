// Reads a JSON job from stdin: {"images": [{"id": str, "rgb": path, "width": int, "height": int}]}
// (raw 8-bit RGB, row-major), runs @vladmandic/face-api's SSD MobileNet v1 face detector and
// AgeGenderNet on each, and prints one JSON object: {"tool": ..., "results": [{"id", "faces": [...]}]}.
// The models load from the installed npm package's own model/ folder: nothing is downloaded.
'use strict';
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');
require('@tensorflow/tfjs-backend-wasm');
const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');

const MIN_CONFIDENCE = 0.3; // detector score below which a face is not reported

function loadNet(net, modelDir, name) {
  const manifest = JSON.parse(fs.readFileSync(path.join(modelDir, `${name}-weights_manifest.json`), 'utf8'));
  const bin = fs.readFileSync(path.join(modelDir, `${name}.bin`));
  const specs = manifest.flatMap((group) => group.weights);
  const buffer = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
  net.loadFromWeightMap(tf.io.decodeWeights(buffer, specs));
}

async function main() {
  const job = JSON.parse(fs.readFileSync(0, 'utf8'));
  await tf.setBackend('wasm');
  await tf.ready();
  const modelDir = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
  loadNet(faceapi.nets.ssdMobilenetv1, modelDir, 'ssd_mobilenetv1_model');
  loadNet(faceapi.nets.ageGenderNet, modelDir, 'age_gender_model');
  const options = new faceapi.SsdMobilenetv1Options({ minConfidence: MIN_CONFIDENCE });
  const results = [];
  for (const image of job.images) {
    const pixels = new Uint8Array(fs.readFileSync(image.rgb));
    const input = tf.tensor3d(pixels, [image.height, image.width, 3], 'int32');
    const faces = await faceapi.detectAllFaces(input, options).withAgeAndGender();
    input.dispose();
    results.push({
      id: image.id,
      faces: faces.map((f) => ({
        score: f.detection.score,
        box: [f.detection.box.x, f.detection.box.y, f.detection.box.width, f.detection.box.height],
        age: f.age,
        sex: f.gender,
        sex_probability: f.genderProbability,
      })),
    });
  }
  const tool = `@vladmandic/face-api ${faceapi.version} (SSD MobileNet v1 + AgeGenderNet), TensorFlow.js ${tf.version.tfjs} ${tf.getBackend()} backend`;
  process.stdout.write(JSON.stringify({ tool, results }) + '\n');
}

main().catch((err) => {
  process.stderr.write(`face analyser failed: ${err && err.message ? err.message : err}\n`);
  process.exit(1);
});
