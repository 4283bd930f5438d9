// The catalog's GLB player: three.js + GLTFLoader, bundled by esbuild into one classic script
// (web/dist/viewer.bundle.js, copied into results/catalog/ by the catalog step). No network.
//
// viewer.html?glb=URL[&audio=URL][&t=SECONDS]
//   plays the GLB's animation in a loop, framed on the face; with `audio`, the play button
//   runs the clip's sound and drives the animation from the audio clock. `t` freezes the
//   animation at that time (used by the tests for a repeatable screenshot).
// When opened from file:// a browser may refuse to fetch the GLB; the page then says so and
// offers a file picker (a GLB chosen by hand loads from memory).
import * as THREE from "three";
import { GLTFLoader } from "three/examples/jsm/loaders/GLTFLoader.js";
import { OrbitControls } from "three/examples/jsm/controls/OrbitControls.js";

const params = new URLSearchParams(window.location.search);
const status = document.getElementById("status");
const canvasHost = document.getElementById("view");
const setStatus = (text, state) => {
  status.textContent = text;
  document.body.dataset.state = state; // "loading" | "ready" | "error": read by the tests
};

const renderer = new THREE.WebGLRenderer({ antialias: true, preserveDrawingBuffer: true });
renderer.setPixelRatio(window.devicePixelRatio || 1);
renderer.outputColorSpace = THREE.SRGBColorSpace;
canvasHost.appendChild(renderer.domElement);

const scene = new THREE.Scene();
scene.background = new THREE.Color(0x202028);
scene.add(new THREE.HemisphereLight(0xffffff, 0x404048, 1.6));
const key = new THREE.DirectionalLight(0xffffff, 2.2);
key.position.set(0.6, 0.8, 1.2);
scene.add(key);
const fill = new THREE.DirectionalLight(0xdde6ff, 0.8);
fill.position.set(-1.0, 0.2, 0.6);
scene.add(fill);

const camera = new THREE.PerspectiveCamera(25, 1, 0.01, 20);
const controls = new OrbitControls(camera, renderer.domElement);
controls.enableDamping = true;

let mixer = null;
let action = null;
const audio = params.get("audio") ? new Audio(params.get("audio")) : null;
const frozen = params.has("t") ? Number(params.get("t")) : null;
const clock = new THREE.Clock();

function resize() {
  const w = canvasHost.clientWidth;
  const h = canvasHost.clientHeight;
  renderer.setSize(w, h, false);
  camera.aspect = w / h;
  camera.updateProjectionMatrix();
}
window.addEventListener("resize", resize);

function frameFace(root) {
  // The head joint (FLAME "neck") is the pivot of the face; frame from it up to the crown.
  root.updateMatrixWorld(true);
  const box = new THREE.Box3().setFromObject(root);
  const head = root.getObjectByName("head");
  const target = head ? head.getWorldPosition(new THREE.Vector3()) : box.getCenter(new THREE.Vector3());
  target.y = (target.y + box.max.y) / 2 - 0.02;
  const height = Math.max(box.max.y - target.y, 0.12) * 2.4;
  const distance = height / 2 / Math.tan(THREE.MathUtils.degToRad(camera.fov / 2));
  camera.position.set(target.x, target.y, target.z + distance + 0.1);
  controls.target.copy(target);
  controls.update();
}

function show(gltf) {
  const root = gltf.scene;
  scene.add(root);
  if (gltf.animations.length) {
    mixer = new THREE.AnimationMixer(root);
    action = mixer.clipAction(gltf.animations[0]);
    action.play();
  }
  frameFace(root);
  resize();
  if (frozen !== null && mixer) mixer.setTime(frozen);
  const mesh = root.getObjectByProperty("type", "SkinnedMesh");
  const morphs = mesh && mesh.morphTargetDictionary ? Object.keys(mesh.morphTargetDictionary).length : 0;
  const seconds = gltf.animations.length ? gltf.animations[0].duration.toFixed(2) : "0";
  setStatus(`${morphs} ARKit morph targets, ${seconds} s animation`, "ready");
  document.getElementById("play").disabled = !audio;
}

const loader = new GLTFLoader();
function loadUrl(url) {
  setStatus(`loading ${url} …`, "loading");
  loader.load(url, show, undefined, (err) => {
    const blocked = window.location.protocol === "file:";
    setStatus(blocked
      ? "This browser does not load files from a file:// page. Serve the results folder " +
        "(python -m http.server -d results) and open http://localhost:8000/catalog/, or pick the .glb below."
      : `cannot load ${url}: ${err.message || err}`, "error");
  });
}

document.getElementById("pick").addEventListener("change", (event) => {
  const file = event.target.files[0];
  if (!file) return;
  file.arrayBuffer().then((buf) => loader.parse(buf, "", show, (err) => setStatus(String(err), "error")));
});
document.getElementById("play").addEventListener("click", () => {
  if (!audio || !action) return;
  audio.currentTime = 0;
  audio.play();
});

renderer.setAnimationLoop(() => {
  const dt = clock.getDelta();
  if (mixer && frozen === null) {
    if (audio && !audio.paused) mixer.setTime(audio.currentTime); // the audio clock leads
    else mixer.update(dt);
  }
  controls.update();
  renderer.render(scene, camera);
});

resize();
if (params.get("glb")) loadUrl(params.get("glb"));
else setStatus("no GLB given (viewer.html?glb=...)", "error");
