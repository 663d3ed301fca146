// neon: Advanced SIMD through arm_neon.h intrinsics: integer and float lane arithmetic (vaddq,
// vsubq, vmulq, vmlaq, vfmaq), widening/narrowing (vmovl, vmull, vmovn, vqmovn), saturating ops
// (vqaddq, vqsubq, vqdmulhq, vqshlq), shifts (vshlq, vshrq_n, vrshrq_n, vsriq), compares and
// selects (vcgtq, vbslq), permutes (vzip, vuzp, vtrn, vext, vrev, vtbl/vqtbl), vcnt, across-lane
// reductions (vaddv, vmaxv, vminv, vaddlv), vld1q/vst1q, vld2/vld3/vld4 and vst2..vst4
// (de)interleaving, lane get/set/dup, conversions (vcvtq), vpaddq, vabdq, and a dot-product loop.
#include <arm_neon.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static uint64_t sum;
static void mixb(const void *p, size_t n) {
    const uint8_t *b = p;
    for (size_t i = 0; i < n; i++) sum = (sum ^ b[i]) * 0x100000001b3ull;
}
static void pr8(const char *n, uint8x16_t v) {
    uint8_t b[16]; vst1q_u8(b, v); mixb(b, 16);
    printf("%-14s", n); for (int i = 0; i < 16; i++) printf(" %02x", b[i]); printf("\n");
}
static void pr16(const char *n, int16x8_t v) {
    int16_t b[8]; vst1q_s16(b, v); mixb(b, 16);
    printf("%-14s", n); for (int i = 0; i < 8; i++) printf(" %d", b[i]); printf("\n");
}
static void pr32(const char *n, int32x4_t v) {
    int32_t b[4]; vst1q_s32(b, v); mixb(b, 16);
    printf("%-14s", n); for (int i = 0; i < 4; i++) printf(" %d", b[i]); printf("\n");
}
static void pru32(const char *n, uint32x4_t v) {
    uint32_t b[4]; vst1q_u32(b, v); mixb(b, 16);
    printf("%-14s", n); for (int i = 0; i < 4; i++) printf(" %08x", b[i]); printf("\n");
}
static void pr64(const char *n, int64x2_t v) {
    int64_t b[2]; vst1q_s64(b, v); mixb(b, 16);
    printf("%-14s %lld %lld\n", n, (long long)b[0], (long long)b[1]);
}
static void prf(const char *n, float32x4_t v) {
    float b[4]; vst1q_f32(b, v); mixb(b, 16);
    printf("%-14s", n); for (int i = 0; i < 4; i++) printf(" %.9g", b[i]); printf("\n");
}
static void prd(const char *n, float64x2_t v) {
    double b[2]; vst1q_f64(b, v); mixb(b, 16);
    printf("%-14s %.17g %.17g\n", n, b[0], b[1]);
}

static uint8_t src[256];

int main(void) {
    for (int i = 0; i < 256; i++) src[i] = (uint8_t)(i * 73 + 11);
    uint8x16_t a8 = vld1q_u8(src), b8 = vld1q_u8(src + 16);
    pr8("a8", a8); pr8("b8", b8);
    pr8("vaddq_u8", vaddq_u8(a8, b8));
    pr8("vsubq_u8", vsubq_u8(a8, b8));
    pr8("vmulq_u8", vmulq_u8(a8, b8));
    pr8("vqaddq_u8", vqaddq_u8(a8, b8));
    pr8("vqsubq_u8", vqsubq_u8(a8, b8));
    pr8("vqaddq_s8", vreinterpretq_u8_s8(vqaddq_s8(vreinterpretq_s8_u8(a8), vreinterpretq_s8_u8(b8))));
    pr8("vqsubq_s8", vreinterpretq_u8_s8(vqsubq_s8(vreinterpretq_s8_u8(a8), vreinterpretq_s8_u8(b8))));
    pr8("vhaddq_u8", vhaddq_u8(a8, b8));
    pr8("vrhaddq_u8", vrhaddq_u8(a8, b8));
    pr8("vabdq_u8", vabdq_u8(a8, b8));
    pr8("vmaxq_u8", vmaxq_u8(a8, b8));
    pr8("vminq_s8", vreinterpretq_u8_s8(vminq_s8(vreinterpretq_s8_u8(a8), vreinterpretq_s8_u8(b8))));
    pr8("vcgtq_u8", vcgtq_u8(a8, b8));
    pr8("vcltq_s8", vcltq_s8(vreinterpretq_s8_u8(a8), vreinterpretq_s8_u8(b8)));
    pr8("vceqq_u8", vceqq_u8(a8, vandq_u8(a8, b8)));
    pr8("vtstq_u8", vtstq_u8(a8, b8));
    pr8("vbslq_u8", vbslq_u8(vcgtq_u8(a8, b8), a8, b8));
    pr8("vbicq/orn/eor", veorq_u8(vbicq_u8(a8, b8), vornq_u8(a8, b8)));
    pr8("vmvnq", vmvnq_u8(a8));
    pr8("vcntq_u8", vcntq_u8(a8));
    pr8("vclzq_u8", vclzq_u8(a8));
    pr8("vrbitq_u8", vrbitq_u8(a8));
    pr8("vshlq_u8", vshlq_u8(a8, vreinterpretq_s8_u8(vandq_u8(b8, vdupq_n_u8(0x87)))));
    pr8("vqshlq_u8", vqshlq_u8(a8, vreinterpretq_s8_u8(vandq_u8(b8, vdupq_n_u8(0x07)))));
    pr8("vrshlq_s8", vreinterpretq_u8_s8(vrshlq_s8(vreinterpretq_s8_u8(a8), vreinterpretq_s8_u8(vorrq_u8(b8, vdupq_n_u8(0xf8))))));
    pr8("vshrq_n_u8", vshrq_n_u8(a8, 3));
    pr8("vshrq_n_s8", vreinterpretq_u8_s8(vshrq_n_s8(vreinterpretq_s8_u8(a8), 3)));
    pr8("vrshrq_n_u8", vrshrq_n_u8(a8, 3));
    pr8("vsraq_n_u8", vsraq_n_u8(a8, b8, 2));
    pr8("vsriq_n_u8", vsriq_n_u8(a8, b8, 4));
    pr8("vsliq_n_u8", vsliq_n_u8(a8, b8, 4));
    pr8("vextq_u8 5", vextq_u8(a8, b8, 5));
    pr8("vrev64q_u8", vrev64q_u8(a8));
    pr8("vrev32q_u8", vrev32q_u8(a8));
    pr8("vzip1q_u8", vzip1q_u8(a8, b8));
    pr8("vzip2q_u8", vzip2q_u8(a8, b8));
    pr8("vuzp1q_u8", vuzp1q_u8(a8, b8));
    pr8("vuzp2q_u8", vuzp2q_u8(a8, b8));
    pr8("vtrn1q_u8", vtrn1q_u8(a8, b8));
    pr8("vtrn2q_u8", vtrn2q_u8(a8, b8));
    uint8x16_t idx = vandq_u8(b8, vdupq_n_u8(0x1f)); // some indices >= 16 give 0 / keep
    pr8("vqtbl1q_u8", vqtbl1q_u8(a8, idx));
    uint8x16x2_t tab2 = {{a8, b8}};
    pr8("vqtbl2q_u8", vqtbl2q_u8(tab2, vandq_u8(a8, vdupq_n_u8(0x3f))));
    pr8("vqtbx1q_u8", vqtbx1q_u8(b8, a8, idx));
    uint8x8x2_t t8 = {{vget_low_u8(a8), vget_high_u8(a8)}};
    uint8x8_t r8 = vtbl2_u8(t8, vget_low_u8(idx));
    uint8x8_t r8b = vtbx1_u8(vget_high_u8(b8), vget_low_u8(a8), vget_high_u8(idx));
    pr8("vtbl2/vtbx1", vcombine_u8(r8, r8b));
    printf("vaddvq_u8 %u vmaxvq_u8 %u vminvq_u8 %u vaddlvq_u8 %u\n", vaddvq_u8(a8), vmaxvq_u8(a8),
           vminvq_u8(a8), vaddlvq_u8(a8));
    pr8("vpaddq_u8", vpaddq_u8(a8, b8));
    pr8("vdupq_laneq", vdupq_laneq_u8(a8, 13));
    pr8("vsetq_lane", vsetq_lane_u8(0xee, a8, 7));
    printf("vgetq_lane %u\n", vgetq_lane_u8(b8, 9));

    int16x8_t a16 = vreinterpretq_s16_u8(a8), b16 = vreinterpretq_s16_u8(b8);
    pr16("a16", a16); pr16("b16", b16);
    pr16("vmulq_s16", vmulq_s16(a16, b16));
    pr16("vmlaq_s16", vmlaq_s16(a16, b16, vdupq_n_s16(3)));
    pr16("vqdmulhq_s16", vqdmulhq_s16(a16, b16));
    pr16("vqrdmulhq_s16", vqrdmulhq_s16(a16, b16));
    pr16("vqaddq_s16", vqaddq_s16(a16, b16));
    pr16("vqabsq_s16", vqabsq_s16(vdupq_n_s16(-32768)));
    pr16("vqnegq_s16", vqnegq_s16(a16));
    pr16("vmovl_s8", vmovl_s8(vget_low_s8(vreinterpretq_s8_u8(a8))));
    pr16("vmovl_u8", vreinterpretq_s16_u16(vmovl_high_u8(a8)));
    pr16("vmull_s8", vmull_s8(vget_low_s8(vreinterpretq_s8_u8(a8)), vget_low_s8(vreinterpretq_s8_u8(b8))));
    pr16("vaddl_u8", vreinterpretq_s16_u16(vaddl_u8(vget_low_u8(a8), vget_high_u8(b8))));
    pr16("vabal_u8", vreinterpretq_s16_u16(vabal_u8(vdupq_n_u16(1000), vget_low_u8(a8), vget_low_u8(b8))));
    pr16("vpadalq_u8", vreinterpretq_s16_u16(vpadalq_u8(vdupq_n_u16(7), a8)));
    int32x4_t a32 = vreinterpretq_s32_u8(a8), b32 = vreinterpretq_s32_u8(b8);
    pr32("a32", a32); pr32("b32", b32);
    pr32("vaddq_s32", vaddq_s32(a32, b32));
    pr32("vmulq_s32", vmulq_s32(a32, b32));
    pr32("vmlsq_lane", vmlsq_laneq_s32(a32, b32, a32, 2));
    pr32("vqdmulhq_s32", vqdmulhq_s32(a32, b32));
    pr32("vqshlq_n_s32", vqshlq_n_s32(a32, 4));
    pr32("vqrshrn/comb", vcombine_s32(vqrshrn_n_s64(vmovl_s32(vget_low_s32(a32)), 3), vqmovn_s64(vmull_s32(vget_low_s32(a32), vget_low_s32(b32)))));
    pr16("vqmovn_s32", vcombine_s16(vqmovn_s32(a32), vmovn_s32(b32)));
    pr8("vqmovun_s16", vcombine_u8(vqmovun_s16(a16), vqmovn_u16(vreinterpretq_u16_s16(b16))));
    pr8("vshrn_n_u16", vcombine_u8(vshrn_n_u16(vreinterpretq_u16_s16(a16), 5), vrshrn_n_u16(vreinterpretq_u16_s16(b16), 7)));
    pr32("vabsq_s32", vabsq_s32(a32));
    pr32("vnegq_s32", vnegq_s32(a32));
    pru32("vcgeq_s32", vcgeq_s32(a32, b32));
    pru32("vceqzq_s32", vceqzq_s32(vandq_s32(a32, vdupq_n_s32(0x100))));
    printf("vaddvq_s32 %d vmaxvq_s32 %d vminvq_s32 %d vaddlvq_s32 %lld\n", vaddvq_s32(a32),
           vmaxvq_s32(a32), vminvq_s32(a32), (long long)vaddlvq_s32(a32));
    int64x2_t a64 = vreinterpretq_s64_u8(a8), b64 = vreinterpretq_s64_u8(b8);
    pr64("vaddq_s64", vaddq_s64(a64, b64));
    pr64("vsubq_s64", vsubq_s64(a64, b64));
    pr64("vshlq_s64", vshlq_s64(a64, vdupq_n_s64(-7)));
    pr64("vqaddq_s64", vqaddq_s64(a64, a64));
    pr64("vcgtq_s64", vreinterpretq_s64_u64(vcgtq_s64(a64, b64)));
    pr64("vmull_high", vreinterpretq_s64_u64(vmull_high_u32(vreinterpretq_u32_u8(a8), vreinterpretq_u32_u8(b8))));
    printf("vaddvq_s64 %lld\n", (long long)vaddvq_s64(a64));

    float32x4_t fa = {1.5f, -2.25f, 3.0e10f, 0.1f}, fb = {-0.5f, 4.0f, 1e-3f, 0.2f};
    prf("vaddq_f32", vaddq_f32(fa, fb));
    prf("vmulq_f32", vmulq_f32(fa, fb));
    prf("vdivq_f32", vdivq_f32(fa, fb));
    prf("vfmaq_f32", vfmaq_f32(fa, fa, fb));
    prf("vfmsq_f32", vfmsq_f32(fa, fa, fb));
    prf("vmaxq_f32", vmaxq_f32(fa, fb));
    prf("vminnmq_f32", vminnmq_f32(fa, fb));
    prf("vabsq_f32", vabsq_f32(fa));
    prf("vsqrtq_f32", vsqrtq_f32(vabsq_f32(fa)));
    prf("vrndnq_f32", vrndnq_f32(vmulq_n_f32(fa, 3.3f)));
    prf("vrndmq_f32", vrndmq_f32(vmulq_n_f32(fa, 3.3f)));
    prf("vpaddq_f32", vpaddq_f32(fa, fb));
    pr32("vcvtq_s32_f32", vcvtq_s32_f32(vmulq_n_f32(fa, 7.7f)));
    pr32("vcvtnq_s32_f32", vcvtnq_s32_f32(vmulq_n_f32(fa, 7.7f)));
    pru32("vcvtq_u32_f32", vcvtq_u32_f32(fa));
    prf("vcvtq_f32_s32", vcvtq_f32_s32(a32));
    prf("vcvtq_n_f32", vcvtq_n_f32_s32(a32, 16));
    pru32("vcgtq_f32", vcgtq_f32(fa, fb));
    printf("vaddvq_f32 %.9g vmaxvq_f32 %.9g vminnmvq_f32 %.9g\n", vaddvq_f32(fa), vmaxvq_f32(fa), vminnmvq_f32(fb));
    float64x2_t da = {1.0 / 3.0, -1e300}, db = {3.0, 1e10};
    prd("vmulq_f64", vmulq_f64(da, db));
    prd("vfmaq_f64", vfmaq_f64(db, da, db));
    prd("vdivq_f64", vdivq_f64(da, db));
    prd("vcvt_f64_f32", vcvt_f64_f32(vget_low_f32(fa)));
    prf("vcvt_f32_f64", vcombine_f32(vcvt_f32_f64(da), vcvt_f32_f64(db)));
    prf("vrecpeq_f32", vrecpeq_f32(fb));
    prf("vrsqrteq_f32", vrsqrteq_f32(vabsq_f32(fb)));
    prf("vrecpsq_f32", vrecpsq_f32(fa, fb));

    // structured loads/stores
    uint8x16x2_t l2 = vld2q_u8(src);
    pr8("vld2q.0", l2.val[0]); pr8("vld2q.1", l2.val[1]);
    uint8x16x3_t l3 = vld3q_u8(src + 3);
    pr8("vld3q.0", l3.val[0]); pr8("vld3q.2", l3.val[2]);
    uint16x8x4_t l4 = vld4q_u16((const uint16_t *)(src + 8));
    pr16("vld4q.1", vreinterpretq_s16_u16(l4.val[1])); pr16("vld4q.3", vreinterpretq_s16_u16(l4.val[3]));
    uint32x4x2_t l2x = vld1q_u32_x2((const uint32_t *)(src + 100));
    pru32("vld1q_x2.1", l2x.val[1]);
    uint8x16_t dupl = vld1q_dup_u8(src + 77);
    pr8("vld1q_dup", dupl);
    uint8x16_t lane = vld1q_lane_u8(src + 200, a8, 4);
    pr8("vld1q_lane", lane);
    uint8x16x4_t l4r = vld4q_dup_u8(src + 40);
    pr8("vld4q_dup.3", l4r.val[3]);
    uint8_t out[128];
    memset(out, 0xcc, sizeof out);
    vst2q_u8(out, l2);
    vst3q_u8(out + 32, l3);
    vst4_u16((uint16_t *)(out + 80), (uint16x4x4_t){{vget_low_u16(l4.val[0]), vget_low_u16(l4.val[1]), vget_low_u16(l4.val[2]), vget_high_u16(l4.val[3])}});
    vst1q_lane_u32((uint32_t *)(out + 124), vreinterpretq_u32_u8(b8), 3);
    mixb(out, sizeof out);
    printf("vst2/3/4 roundtrip: %s\n", memcmp(out, src, 32) == 0 && memcmp(out + 32, src + 3, 48) == 0 ? "ok" : "MISMATCH");
    for (int i = 80; i < 128; i++) printf("%02x", out[i]);
    printf("\n");

    // a dot product and a byte histogram loop
    int32x4_t acc = vdupq_n_s32(0);
    for (int i = 0; i < 256; i += 16) {
        int8x16_t x = vreinterpretq_s8_u8(vld1q_u8(src + i));
        int8x16_t y = vreinterpretq_s8_u8(vld1q_u8(src + (255 - i - 15)));
        int16x8_t lo = vmull_s8(vget_low_s8(x), vget_low_s8(y));
        int16x8_t hi = vmull_high_s8(x, y);
        acc = vpadalq_s16(acc, lo);
        acc = vpadalq_s16(acc, hi);
    }
    pr32("dot acc", acc);
    printf("dot total %d\n", vaddvq_s32(acc));
    printf("checksum: %016llx\n", (unsigned long long)sum);
    return (int)(sum & 0x3f) + 64;
}
