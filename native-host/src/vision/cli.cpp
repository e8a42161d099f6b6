#include "vision/cli.hpp"

#include "common/paths.hpp"
#include "vision/enrolment.hpp"
#include "vision/face_analyzer.hpp"
#include "vision/frame_source.hpp"
#include "vision/package_media.hpp"
#include "vision/weights_manifest.hpp"
#include "vision/worker.hpp"

#include <nlohmann/json.hpp>
#include <opencv2/core/utils/logger.hpp>
#include <opencv2/imgcodecs.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <stdexcept>

#include <unistd.h>

namespace om::vision {
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

constexpr const char* kUsage =
    "usage: officemates-vision <command>\n"
    "  model convert --manifest M.json --weights M.bin --out FILE.dat [--divide-by-256]\n"
    "  face enroll --out ENROLMENT.json [--models DIR] IMAGE...\n"
    "  face match --enrolment ENROLMENT.json [--threshold 0.6] [--models DIR] IMAGE...\n"
    "  face chips --out DIR [--models DIR] IMAGE...   (aligned 150x150 raw RGB chips + descriptors.json)\n"
    "  media timeline --out DIR [--source REPO] [--models DIR]      (demo/test media from package photos)\n"
    "  worker [--models DIR] [--threads N]           (the agent's camera process; stdin/stdout)\n";

// --key value options and positional arguments after the subcommand.
struct Args {
  std::map<std::string, std::string> opts;
  std::vector<std::string> flags;
  std::vector<std::string> positional;
  std::string get(const std::string& k, const std::string& def = "") const {
    auto it = opts.find(k);
    return it == opts.end() ? def : it->second;
  }
  std::string need(const std::string& k) const {
    auto it = opts.find(k);
    if (it == opts.end()) throw UsageError("missing --" + k);
    return it->second;
  }
  bool flag(const std::string& k) const { return std::find(flags.begin(), flags.end(), k) != flags.end(); }
};

Args parse(int argc, char** argv, int from, std::initializer_list<const char*> boolean_flags = {}) {
  Args a;
  for (int i = from; i < argc; ++i) {
    std::string s = argv[i];
    if (s.rfind("--", 0) == 0) {
      s = s.substr(2);
      if (std::find_if(boolean_flags.begin(), boolean_flags.end(), [&](const char* f) { return s == f; }) !=
          boolean_flags.end()) {
        a.flags.push_back(s);
      } else {
        if (i + 1 >= argc) throw UsageError("--" + s + " needs a value");
        a.opts[s] = argv[++i];
      }
    } else {
      a.positional.push_back(s);
    }
  }
  return a;
}

fs::path models_dir(const Args& a) { return a.opts.count("models") ? fs::path(a.get("models")) : paths::model_dir(); }

void print_line(const json& j) {
  std::cout << j.dump(-1, ' ', false, json::error_handler_t::replace) << "\n" << std::flush;
}

struct ImageFaces {
  PreparedFrame frame;
  std::vector<DetectedFace> faces;
};

ImageFaces load_faces(FaceAnalyzer& analyzer, const std::string& image) {
  const cv::Mat m = cv::imread(image, cv::IMREAD_COLOR);
  if (m.empty()) throw std::runtime_error(image + ": cannot read or decode the image");
  ImageFaces r{analyzer.prepare(m), {}};
  r.faces = analyzer.detect(r.frame);
  return r;
}

int model_convert(const Args& a) {
  const auto tensors = load_tfjs_weights(a.need("manifest"), a.need("weights"));
  ConvertOptions o;
  o.match_face_api_255 = !a.flag("divide-by-256");
  const fs::path out = a.need("out");
  if (out.has_parent_path()) fs::create_directories(out.parent_path());
  const fs::path tmp = out.string() + ".tmp";
  convert_face_api_weights(tensors, tmp, o);
  fs::rename(tmp, out);  // a half-written model never looks finished to the build
  print_line({{"out", out.string()}, {"tensors", tensors.size()}, {"bytes", fs::file_size(out)},
              {"input_scale", o.match_face_api_255 ? "1/255 (face-api)" : "1/256 (dlib)"}});
  return 0;
}

int face_enroll(const Args& a) {
  if (a.positional.empty()) throw UsageError("face enroll needs at least one IMAGE");
  FaceAnalyzer analyzer(ModelFiles::in(models_dir(a)));
  std::vector<Chip> chips;
  for (const auto& img : a.positional) {
    auto r = load_faces(analyzer, img);
    if (r.faces.size() != 1) {
      std::cerr << "officemates-vision: " << img << ": "
                << (r.faces.empty() ? "no face found" : std::to_string(r.faces.size()) + " faces found")
                << "; an enrolment image must show exactly one face\n";
      return 1;
    }
    chips.push_back(analyzer.chip(r.frame, r.faces[0]));
    print_line({{"image", img}, {"faces", 1}});
  }
  Enrolment e{analyzer.describe(chips)};
  const fs::path out = a.need("out");
  std::ofstream(out) << enrolment_to_json(e).dump() << "\n";
  if (!fs::exists(out)) throw std::runtime_error("cannot write " + out.string());
  print_line({{"enrolment", out.string()}, {"descriptors", e.descriptors.size()}});
  return 0;
}

int face_match(const Args& a) {
  if (a.positional.empty()) throw UsageError("face match needs at least one IMAGE");
  std::ifstream in(a.need("enrolment"));
  if (!in) throw std::runtime_error("cannot read " + a.need("enrolment"));
  const Enrolment e = enrolment_from_json(json::parse(in));
  if (e.empty()) throw std::runtime_error("the enrolment has no descriptors");
  const double threshold = std::stod(a.get("threshold", "0.6"));
  FaceAnalyzer analyzer(ModelFiles::in(models_dir(a)));
  for (const auto& img : a.positional) {
    auto r = load_faces(analyzer, img);
    std::vector<Chip> chips;
    for (const auto& f : r.faces) chips.push_back(analyzer.chip(r.frame, f));
    json line{{"image", img}, {"faces", r.faces.size()}, {"match", false}, {"distance", nullptr}};
    double best = 1e9;
    for (const auto& d : analyzer.describe(chips)) {
      const Match m = match(e, d, threshold);
      if (m.distance < best) {
        best = m.distance;
        line["match"] = m.matched;
        line["distance"] = m.distance;
      }
    }
    print_line(line);
  }
  return 0;
}

int face_chips(const Args& a) {
  FaceAnalyzer analyzer(ModelFiles::in(models_dir(a)));
  const fs::path out = a.need("out");
  fs::create_directories(out);
  json all = json::array();
  int n = 0;
  for (const auto& img : a.positional) {
    auto r = load_faces(analyzer, img);
    for (const auto& f : r.faces) {
      const Chip c = analyzer.chip(r.frame, f);
      // Raw 150x150x3 RGB bytes: the Node side reads exactly these pixels
      // without an image decoder (pure-JS tfjs has none).
      const auto name = "chip_" + std::to_string(n++) + ".rgb";
      std::ofstream raw(out / name, std::ios::binary);
      for (long row = 0; row < c.nr(); ++row)
        for (long col = 0; col < c.nc(); ++col) raw.put(char(c(row, col).red)).put(char(c(row, col).green)).put(char(c(row, col).blue));
      all.push_back({{"chip", name}, {"image", img}, {"descriptor", analyzer.describe({c}).at(0)}});
    }
  }
  std::ofstream(out / "descriptors.json") << all.dump() << "\n";
  print_line({{"out", out.string()}, {"chips", n}});
  return 0;
}

int media_timeline(const Args& a) {
  // The photos live in the project's node_modules (npm package): --source,
  // else $OFFICEMATES_SOURCE_DIR, else the current directory.
  const char* env = std::getenv("OFFICEMATES_SOURCE_DIR");
  const fs::path source = a.get("source", env ? env : ".");
  const auto m = make_demo_media(ModelFiles::in(models_dir(a)), source, a.need("out"));
  print_line({{"dir", m.dir.string()}, {"timeline", m.timeline.string()}, {"enrolment", m.enrolment.string()}});
  return 0;
}

}  // namespace

int cli_main(int argc, char** argv) {
  // stdout is data (JSON lines, or the worker protocol): logs go to stderr.
  spdlog::set_default_logger(spdlog::stderr_color_mt("vision"));
  // OpenCV's own warnings (a missing camera is reported by us, once, clearly).
  cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_ERROR);
  const std::string cmd = argc > 1 ? argv[1] : "";
  const std::string sub = argc > 2 ? argv[2] : "";
  try {
    if (cmd == "worker") {
      const Args a = parse(argc, argv, 2);
      WorkerOptions o{models_dir(a), std::stoi(a.get("threads", "1"))};
      return run_worker(STDIN_FILENO, STDOUT_FILENO, o);
    }
    if (cmd == "model" && sub == "convert") return model_convert(parse(argc, argv, 3, {"divide-by-256"}));
    if (cmd == "face" && sub == "enroll") return face_enroll(parse(argc, argv, 3));
    if (cmd == "face" && sub == "match") return face_match(parse(argc, argv, 3));
    if (cmd == "face" && sub == "chips") return face_chips(parse(argc, argv, 3));
    if (cmd == "media" && sub == "timeline") return media_timeline(parse(argc, argv, 3));
    std::cerr << kUsage;
    return 2;
  } catch (const UsageError& e) {
    std::cerr << "officemates-vision: " << e.what() << "\n" << kUsage;
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "officemates-vision: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace om::vision
