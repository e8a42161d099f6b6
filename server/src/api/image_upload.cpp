#include "api/image_upload.hpp"

#include "app/services.hpp"
#include "http/api_error.hpp"
#include "images/png.hpp"

namespace om::api {

void store_profile_image(http::RequestContext& ctx, std::int64_t user_id) {
  const auto& bytes = ctx.req.body();
  images::PngInfo info;
  switch (images::check_png(bytes, kMaxImageSide, &info)) {
    case images::PngCheck::ok:
      break;
    case images::PngCheck::not_png:
      throw http::unsupported("the image must be a PNG file");
    case images::PngCheck::bad_ihdr:
      throw http::invalid("image: damaged PNG header");
    case images::PngCheck::too_big_dimensions:
      throw http::invalid("image: at most 300x300 pixels (got " + std::to_string(info.width) + "x" +
                          std::to_string(info.height) + ")");
  }
  ctx.services.db.with([&](db::Connection& c) {
    c.prepare("INSERT INTO user_images(user_id, png) VALUES(?,?) ON CONFLICT(user_id) DO UPDATE SET png=excluded.png")
        .bind(1, user_id)
        .bind_blob(2, bytes)
        .run();
  });
}

}  // namespace om::api
