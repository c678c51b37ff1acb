/*
 * ESP crypto (RFC 4303) with OpenSSL contexts kept per SA and direction: the AES key schedule and the HMAC
 * key pads are computed once, so a packet costs an IV reset, the cipher pass and the ICV. The OpenSSL is
 * the one inside Node (its symbols are exported to addons). Packet layout, padding and the replay window
 * stay in src/ipsec/esp-transform.ts; this file only fills in and checks the encrypted part and the ICV.
 *
 * | SPI (4) | Sequence Number (4) | IV (8 GCM / 16 CBC) | ciphertext ... | ICV (16 GCM, 12/16 HMAC) |
 * AES-GCM: nonce = salt (4) || IV (8), AAD = SPI || Sequence Number (RFC 4106). CBC: HMAC over SPI .. end
 * of ciphertext, truncated to the ICV length (RFC 2404, 4868).
 */
#define OPENSSL_SUPPRESS_DEPRECATED
#include "dn.h"
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdlib.h>
#include <string.h>

#define HEADER 8

enum { KIND_GCM = 0, KIND_CBC_SHA1 = 1, KIND_CBC_SHA256 = 2 };

typedef struct {
  int kind;
  int encrypt;
  int iv_len;
  int icv_len;
  unsigned char salt[4];
  EVP_CIPHER_CTX *cipher;
  HMAC_CTX *hmac;
} esp_ctx;

static void esp_free(esp_ctx *c) {
  if (!c) return;
  if (c->cipher) EVP_CIPHER_CTX_free(c->cipher);
  if (c->hmac) HMAC_CTX_free(c->hmac);
  free(c);
}

static void esp_finalize(napi_env env, void *data, void *hint) { esp_free(data); }

static const EVP_CIPHER *cipher_for(int gcm, size_t key_len) {
  switch (key_len) {
    case 16: return gcm ? EVP_aes_128_gcm() : EVP_aes_128_cbc();
    case 24: return gcm ? EVP_aes_192_gcm() : EVP_aes_192_cbc();
    case 32: return gcm ? EVP_aes_256_gcm() : EVP_aes_256_cbc();
    default: return NULL;
  }
}

#define ARGS(n)                                                         \
  size_t argc = (n);                                                    \
  napi_value argv[(n) > 0 ? (n) : 1];                                   \
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return NULL;

static napi_value fail(napi_env env, esp_ctx *c, const char *msg) {
  esp_free(c);
  napi_throw_error(env, "ERR_ESP_CRYPTO", msg);
  return NULL;
}

/*
 * espContext(encrypt, kind, aesKey, salt, authKey) -> external: kind 0 AES-GCM-16 (salt: 4 bytes), 1 AES-CBC with
 * HMAC-SHA-1-96, 2 AES-CBC with HMAC-SHA-256-128 (authKey: the HMAC key).
 */
napi_value dn_esp_context(napi_env env, napi_callback_info info) {
  ARGS(5);
  bool encrypt = false;
  int32_t kind;
  void *key, *salt, *auth;
  size_t key_len, salt_len, auth_len;
  if (argc < 5) return dn_throw_type(env, "espContext(encrypt, kind, aesKey, salt, authKey): arguments missing");
  if (napi_get_value_bool(env, argv[0], &encrypt) != napi_ok) return dn_throw_type(env, "encrypt: expected a boolean");
  if (!dn_arg_i32(env, argv[1], &kind, "kind") || !dn_arg_bytes(env, argv[2], &key, &key_len, "aesKey") ||
      !dn_arg_bytes(env, argv[3], &salt, &salt_len, "salt") || !dn_arg_bytes(env, argv[4], &auth, &auth_len, "authKey"))
    return NULL;
  int gcm = kind == KIND_GCM;
  const EVP_CIPHER *cipher = cipher_for(gcm, key_len);
  if (kind < 0 || kind > 2 || !cipher || (gcm && salt_len != 4) || (!gcm && auth_len == 0)) {
    napi_throw_range_error(env, "ERR_OUT_OF_RANGE", "espContext: unknown kind or wrong key sizes");
    return NULL;
  }
  esp_ctx *c = calloc(1, sizeof *c);
  if (!c) return fail(env, NULL, "espContext: out of memory");
  c->kind = kind;
  c->encrypt = encrypt;
  c->iv_len = gcm ? 8 : 16;
  c->icv_len = kind == KIND_CBC_SHA1 ? 12 : 16;
  if (gcm) memcpy(c->salt, salt, 4);
  c->cipher = EVP_CIPHER_CTX_new();
  if (!c->cipher || EVP_CipherInit_ex(c->cipher, cipher, NULL, key, NULL, encrypt) != 1)
    return fail(env, c, "espContext: cipher set-up failed");
  if (!gcm) {
    EVP_CIPHER_CTX_set_padding(c->cipher, 0);
    c->hmac = HMAC_CTX_new();
    const EVP_MD *md = kind == KIND_CBC_SHA1 ? EVP_sha1() : EVP_sha256();
    if (!c->hmac || HMAC_Init_ex(c->hmac, auth, (int)auth_len, md, NULL) != 1)
      return fail(env, c, "espContext: HMAC set-up failed");
  }
  napi_value handle;
  if (napi_create_external(env, c, esp_finalize, NULL, &handle) != napi_ok) return fail(env, c, "espContext: external");
  return handle;
}

static esp_ctx *ctx_arg(napi_env env, napi_value v, int encrypt) {
  esp_ctx *c = NULL;
  if (napi_get_value_external(env, v, (void **)&c) != napi_ok || !c || c->encrypt != encrypt) {
    dn_throw_type(env, encrypt ? "expected an encrypting ESP context" : "expected a decrypting ESP context");
    return NULL;
  }
  return c;
}

/* Resets the cipher for one packet's IV (GCM: salt || IV as the 12-byte nonce). */
static int reset_iv(esp_ctx *c, const unsigned char *iv) {
  if (c->kind != KIND_GCM) return EVP_CipherInit_ex(c->cipher, NULL, NULL, NULL, iv, -1) == 1;
  unsigned char nonce[12];
  memcpy(nonce, c->salt, 4);
  memcpy(nonce + 4, iv, 8);
  return EVP_CipherInit_ex(c->cipher, NULL, NULL, NULL, nonce, -1) == 1;
}

/* HMAC over p[0, n) into md (the full digest). */
static int hmac(esp_ctx *c, const unsigned char *p, size_t n, unsigned char *md) {
  unsigned int len = 0;
  return HMAC_Init_ex(c->hmac, NULL, 0, NULL, NULL) == 1 && HMAC_Update(c->hmac, p, n) == 1 &&
         HMAC_Final(c->hmac, md, &len) == 1;
}

/*
 * espSeal(ctx, packet) -> 0, or -1 when OpenSSL failed. `packet` holds the whole ESP packet: SPI, sequence, IV and
 * the plaintext (payload, padding, Pad Length, Next Header) in place, with room for the ICV at the end; the
 * plaintext is encrypted in place and the ICV written.
 */
napi_value dn_esp_seal(napi_env env, napi_callback_info info) {
  ARGS(2);
  void *data;
  size_t len;
  if (argc < 2) return dn_throw_type(env, "espSeal(ctx, packet): arguments missing");
  esp_ctx *c = ctx_arg(env, argv[0], 1);
  if (!c || !dn_arg_bytes(env, argv[1], &data, &len, "packet")) return NULL;
  unsigned char *p = data;
  size_t ct_at = HEADER + (size_t)c->iv_len;
  if (len < ct_at + (size_t)c->icv_len) {
    napi_throw_range_error(env, "ERR_OUT_OF_RANGE", "espSeal: packet shorter than header, IV and ICV");
    return NULL;
  }
  size_t ct_len = len - ct_at - (size_t)c->icv_len;
  int out = 0, ok = reset_iv(c, p + HEADER);
  if (c->kind == KIND_GCM) {
    ok = ok && EVP_CipherUpdate(c->cipher, NULL, &out, p, HEADER) == 1 &&
         EVP_CipherUpdate(c->cipher, p + ct_at, &out, p + ct_at, (int)ct_len) == 1 &&
         EVP_CipherFinal_ex(c->cipher, p + ct_at + out, &out) == 1 &&
         EVP_CIPHER_CTX_ctrl(c->cipher, EVP_CTRL_GCM_GET_TAG, 16, p + ct_at + ct_len) == 1;
  } else {
    unsigned char md[EVP_MAX_MD_SIZE];
    ok = ok && EVP_CipherUpdate(c->cipher, p + ct_at, &out, p + ct_at, (int)ct_len) == 1 && hmac(c, p, ct_at + ct_len, md);
    if (ok) memcpy(p + ct_at + ct_len, md, (size_t)c->icv_len);
  }
  return dn_int(env, ok ? 0 : -1);
}

/*
 * espOpen(ctx, packet) -> 0 when the ICV verifies (the ciphertext is then plaintext, in place), -1 when it does not
 * (the ciphertext may then be overwritten). Length and replay checks are the caller's.
 */
napi_value dn_esp_open(napi_env env, napi_callback_info info) {
  ARGS(2);
  void *data;
  size_t len;
  if (argc < 2) return dn_throw_type(env, "espOpen(ctx, packet): arguments missing");
  esp_ctx *c = ctx_arg(env, argv[0], 0);
  if (!c || !dn_arg_bytes(env, argv[1], &data, &len, "packet")) return NULL;
  unsigned char *p = data;
  size_t ct_at = HEADER + (size_t)c->iv_len;
  if (len < ct_at + (size_t)c->icv_len) return dn_int(env, -1);
  size_t ct_len = len - ct_at - (size_t)c->icv_len;
  unsigned char *icv = p + ct_at + ct_len;
  int out = 0, ok = reset_iv(c, p + HEADER);
  if (c->kind == KIND_GCM) {
    unsigned char tag[16];
    memcpy(tag, icv, 16);
    ok = ok && EVP_CIPHER_CTX_ctrl(c->cipher, EVP_CTRL_GCM_SET_TAG, 16, tag) == 1 &&
         EVP_CipherUpdate(c->cipher, NULL, &out, p, HEADER) == 1 &&
         EVP_CipherUpdate(c->cipher, p + ct_at, &out, p + ct_at, (int)ct_len) == 1 &&
         EVP_CipherFinal_ex(c->cipher, p + ct_at + out, &out) == 1;
  } else {
    unsigned char md[EVP_MAX_MD_SIZE];
    ok = ok && hmac(c, p, ct_at + ct_len, md) && CRYPTO_memcmp(md, icv, (size_t)c->icv_len) == 0 &&
         EVP_CipherUpdate(c->cipher, p + ct_at, &out, p + ct_at, (int)ct_len) == 1;
  }
  return dn_int(env, ok ? 0 : -1);
}
