#!/usr/bin/env node
// Equivalence of the converted dlib model with the JavaScript model it came
// from: face-api (@vladmandic/face-api) on the pure-JavaScript tfjs CPU
// backend computes descriptors for the very chips the C++ side aligned and
// described (`officemates-vision face chips`). Asserts, per face, max |diff|
// <= 1e-3 and Euclidean distance <= 0.01, over at least 10 faces.
//
// usage: node equivalence.cjs <vision-exe> <models-dir> <source-dir>
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const Module = require('module');

const [exe, modelsDir, sourceDir] = process.argv.slice(2);
if (!exe || !modelsDir || !sourceDir) {
  console.error('usage: node equivalence.cjs <vision-exe> <models-dir> <source-dir>');
  process.exit(2);
}

// face-api's Node build without tfjs-node imports the WASM backend, which the
// project does not install; we run on tfjs' pure-JS CPU backend instead, so
// that import gets an empty module.
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === '@tensorflow/tfjs-backend-wasm') return {};
  return load.call(this, request, ...rest);
};
const faceApiDir = path.join(sourceDir, 'node_modules', '@vladmandic', 'face-api');
const faceapi = require(path.join(faceApiDir, 'dist', 'face-api.node-wasm.js'));
const tf = faceapi.tf;

async function main() {
  await tf.setBackend('cpu');
  await tf.ready();
  await faceapi.nets.faceRecognitionNet.loadFromDisk(path.join(faceApiDir, 'model'));

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'om-equivalence-'));
  try {
    const photos = fs.readdirSync(path.join(faceApiDir, 'demo'))
      .filter((f) => /^sample\d+\.jpg$/.test(f)).sort()
      .map((f) => path.join(faceApiDir, 'demo', f));
    execFileSync(exe, ['face', 'chips', '--out', tmp, '--models', modelsDir, ...photos], { stdio: ['ignore', 'inherit', 'inherit'] });
    const faces = JSON.parse(fs.readFileSync(path.join(tmp, 'descriptors.json'), 'utf8'));
    let worstAbs = 0; let worstEuclid = 0; let failures = 0;
    for (const face of faces) {
      const rgb = fs.readFileSync(path.join(tmp, face.chip));
      if (rgb.length !== 150 * 150 * 3) throw new Error(`${face.chip}: ${rgb.length} bytes, expected 67500`);
      const input = tf.tensor3d(new Uint8Array(rgb), [150, 150, 3], 'int32');
      const js = await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(input);
      input.dispose();
      let maxAbs = 0; let sq = 0;
      for (let i = 0; i < 128; i++) {
        const d = js[i] - face.descriptor[i];
        maxAbs = Math.max(maxAbs, Math.abs(d));
        sq += d * d;
      }
      const euclid = Math.sqrt(sq);
      worstAbs = Math.max(worstAbs, maxAbs);
      worstEuclid = Math.max(worstEuclid, euclid);
      const ok = maxAbs <= 1e-3 && euclid <= 0.01;
      if (!ok) failures++;
      console.log(`${face.chip} (${path.basename(face.image)}): max|diff| ${maxAbs.toExponential(2)} euclidean ${euclid.toExponential(2)}${ok ? '' : '  FAIL'}`);
    }
    console.log(`faces: ${faces.length}, worst max|diff| ${worstAbs.toExponential(2)}, worst euclidean ${worstEuclid.toExponential(2)}`);
    if (faces.length < 10) { console.error(`only ${faces.length} faces found; need at least 10`); process.exit(1); }
    if (failures) { console.error(`${failures} faces differ beyond 1e-3 / 0.01`); process.exit(1); }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
main().catch((e) => { console.error(e); process.exit(1); });
