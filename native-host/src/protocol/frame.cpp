#include "protocol/frame.hpp"

#include <cstring>
#include <stdexcept>

namespace om::protocol {

std::size_t FrameDecoder::feed(std::string_view data) {
  std::size_t used = 0;
  while (used < data.size() && !ready_ && !desync_) {
    switch (phase_) {
      case Phase::Length: {
        const std::size_t take = std::min<std::size_t>(4 - len_have_, data.size() - used);
        std::memcpy(len_bytes_ + len_have_, data.data() + used, take);
        len_have_ += take;
        used += take;
        if (len_have_ < 4) break;
        len_have_ = 0;
        std::memcpy(&declared_, len_bytes_, 4);  // native endian by definition
        if (declared_ == 0) {
          ready_ = FrameEvent{std::nullopt, FrameError::ZeroLength, 0};
        } else if (declared_ > kMaxSkippableBytes) {
          desync_ = true;
          ready_ = FrameEvent{std::nullopt, FrameError::Desync, declared_};
        } else if (declared_ > kMaxFrameBytes) {
          skip_left_ = declared_;
          phase_ = Phase::Skip;
        } else {
          body_.clear();
          body_.reserve(declared_);
          phase_ = Phase::Body;
        }
        break;
      }
      case Phase::Body: {
        const std::size_t take = std::min<std::size_t>(declared_ - body_.size(), data.size() - used);
        body_.append(data.data() + used, take);
        used += take;
        if (body_.size() == declared_) {
          ready_ = FrameEvent{std::move(body_), std::nullopt, declared_};
          body_ = {};
          phase_ = Phase::Length;
        }
        break;
      }
      case Phase::Skip: {
        const std::size_t take = std::min(skip_left_, data.size() - used);
        skip_left_ -= take;
        used += take;
        if (skip_left_ == 0) {
          ready_ = FrameEvent{std::nullopt, FrameError::TooLarge, declared_};
          phase_ = Phase::Length;
        }
        break;
      }
    }
  }
  return used;
}

std::optional<FrameEvent> FrameDecoder::next() {
  auto out = std::move(ready_);
  ready_.reset();
  return out;
}

bool FrameDecoder::mid_frame() const {
  return (phase_ == Phase::Length && len_have_ > 0) || phase_ == Phase::Body || phase_ == Phase::Skip;
}

std::string encode_frame(std::string_view body) {
  if (body.size() > kMaxFrameBytes) throw std::length_error("frame body exceeds 1 MiB");
  const auto len = static_cast<std::uint32_t>(body.size());
  std::string out(4 + body.size(), '\0');
  std::memcpy(out.data(), &len, 4);
  std::memcpy(out.data() + 4, body.data(), body.size());
  return out;
}

}  // namespace om::protocol
