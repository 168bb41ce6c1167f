// The web page (embedded at build time from server/web/, see embed_web.cmake) and GET /v1/health,
// the two things served without an API key.
#include <string>

#include "server/context.h"
#include "server/web_assets.h"

namespace tunesmith::server {
namespace {

std::string content_type_of_asset(std::string_view path) {
    if (path.ends_with(".html")) return "text/html; charset=utf-8";
    if (path.ends_with(".js")) return "text/javascript; charset=utf-8";
    if (path.ends_with(".css")) return "text/css; charset=utf-8";
    if (path.ends_with(".svg")) return "image/svg+xml";
    return "application/octet-stream";
}

void serve_asset(const web::Asset& asset, httplib::Response& res) {
    res.set_header("Cache-Control", "no-cache");
    res.set_content(std::string(reinterpret_cast<const char*>(asset.bytes), asset.size),
                    content_type_of_asset(asset.path).c_str());
}

}  // namespace

void register_page_routes(httplib::Server& http, ServerContext& context) {
    http.Get("/v1/health", guarded([&context](const httplib::Request&, httplib::Response& res) {
                 send_json(res, 200,
                           {{"status", "ok"},
                            {"version", TUNESMITH_SERVER_VERSION},
                            {"workers", context.pool.workers()},
                            {"running", context.pool.running()},
                            {"queued", context.pool.queued()},
                            {"queue_limit", context.pool.queue_limit()}});
             }));
    for (const auto& asset : web::kAssets) {
        http.Get(std::string(asset.path), [&asset](const httplib::Request&, httplib::Response& res) { serve_asset(asset, res); });
        if (asset.path == "/index.html")
            http.Get("/", [&asset](const httplib::Request&, httplib::Response& res) { serve_asset(asset, res); });
    }
}

}  // namespace tunesmith::server
