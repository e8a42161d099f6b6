// Real registry access; the rest of the installer only sees SystemIo.
#ifdef _WIN32
#include "install/registry.hpp"

#include <windows.h>

#include <stdexcept>
#include <string>

namespace om::install::registry {
namespace {

HKEY hive_of(const RegistryKey& key) {
  if (key.hive == "HKCU") return HKEY_CURRENT_USER;
  if (key.hive == "HKLM") return HKEY_LOCAL_MACHINE;
  throw std::invalid_argument("unknown registry hive " + key.hive);
}

std::wstring widen(const std::string& s) {
  if (s.empty()) return {};
  const int n = MultiByteToWideChar(CP_UTF8, 0, s.data(), static_cast<int>(s.size()), nullptr, 0);
  std::wstring w(static_cast<size_t>(n), L'\0');
  MultiByteToWideChar(CP_UTF8, 0, s.data(), static_cast<int>(s.size()), w.data(), n);
  return w;
}

std::string narrow(const std::wstring& w) {
  if (w.empty()) return {};
  const int n = WideCharToMultiByte(CP_UTF8, 0, w.data(), static_cast<int>(w.size()), nullptr, 0, nullptr, nullptr);
  std::string s(static_cast<size_t>(n), '\0');
  WideCharToMultiByte(CP_UTF8, 0, w.data(), static_cast<int>(w.size()), s.data(), n, nullptr, nullptr);
  return s;
}

}  // namespace

std::optional<std::string> get_default(const RegistryKey& key) {
  DWORD bytes = 0;
  const auto sub = widen(key.key);
  if (RegGetValueW(hive_of(key), sub.c_str(), nullptr, RRF_RT_REG_SZ, nullptr, nullptr, &bytes) != ERROR_SUCCESS)
    return std::nullopt;
  std::wstring value(bytes / sizeof(wchar_t), L'\0');
  if (RegGetValueW(hive_of(key), sub.c_str(), nullptr, RRF_RT_REG_SZ, nullptr, value.data(), &bytes) != ERROR_SUCCESS)
    return std::nullopt;
  value.resize(bytes / sizeof(wchar_t));
  while (!value.empty() && value.back() == L'\0') value.pop_back();
  return narrow(value);
}

void set_default(const RegistryKey& key, const std::string& value) {
  HKEY h = nullptr;
  const auto sub = widen(key.key);
  if (RegCreateKeyExW(hive_of(key), sub.c_str(), 0, nullptr, 0, KEY_SET_VALUE, nullptr, &h, nullptr) != ERROR_SUCCESS)
    throw std::runtime_error("cannot create registry key " + key.hive + "\\" + key.key);
  const auto w = widen(value);
  const auto rc = RegSetValueExW(h, nullptr, 0, REG_SZ, reinterpret_cast<const BYTE*>(w.c_str()),
                                 static_cast<DWORD>((w.size() + 1) * sizeof(wchar_t)));
  RegCloseKey(h);
  if (rc != ERROR_SUCCESS) throw std::runtime_error("cannot write registry key " + key.hive + "\\" + key.key);
}

bool delete_key(const RegistryKey& key) {
  return RegDeleteTreeW(hive_of(key), widen(key.key).c_str()) == ERROR_SUCCESS;
}

}  // namespace om::install::registry
#endif
