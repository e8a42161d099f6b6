#pragma once
// Native messaging framing: 4-byte native-endian length, then that many bytes
// of UTF-8 JSON. Used unchanged on the browser pipe and the agent socket.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace om::protocol {

// Chrome refuses host->browser messages above 1 MiB; we hold both directions
// to the same bound so a hostile peer cannot make us buffer more.
inline constexpr std::size_t kMaxFrameBytes = 1024 * 1024;

// Above this a declared length is treated as a desynchronised stream rather
// than a large message we could skip over.
inline constexpr std::size_t kMaxSkippableBytes = 64 * 1024 * 1024;

enum class FrameError {
  ZeroLength,  // length prefix 0: no message; reply BAD_FRAME, keep reading
  TooLarge,    // length > kMaxFrameBytes; body is discarded, reply TOO_LARGE
  Desync,      // length absurd (> kMaxSkippableBytes): stream cannot be trusted, close
};

struct FrameEvent {
  // Exactly one of these is set.
  std::optional<std::string> body;
  std::optional<FrameError> error;
  std::uint32_t declared_length = 0;
};

// Incremental decoder: feed bytes as they arrive (pipe, socket), pull frames.
// Never buffers more than kMaxFrameBytes plus one length prefix.
class FrameDecoder {
 public:
  // Consumes as much of `data` as it can; returns the number of bytes used.
  // Call next() after each feed until it returns nullopt.
  std::size_t feed(std::string_view data);
  std::optional<FrameEvent> next();

  // True when the stream ended in the middle of a frame (truncated length or
  // truncated body): the caller closes cleanly.
  bool mid_frame() const;
  bool desynchronised() const { return desync_; }

 private:
  enum class Phase { Length, Body, Skip };
  Phase phase_ = Phase::Length;
  unsigned char len_bytes_[4]{};
  std::size_t len_have_ = 0;
  std::uint32_t declared_ = 0;
  std::string body_;
  std::size_t skip_left_ = 0;
  std::optional<FrameEvent> ready_;
  bool desync_ = false;
};

// Returns the 4-byte prefix followed by the body. Throws std::length_error if
// the body exceeds kMaxFrameBytes: callers must not send such frames.
std::string encode_frame(std::string_view body);

}  // namespace om::protocol
