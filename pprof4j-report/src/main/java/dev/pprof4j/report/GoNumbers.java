package dev.pprof4j.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Go's {@code fmt} number verbs that pprof's reports use, reproduced digit for digit.
 *
 * <p>Java's {@code String.format("%.2f")} rounds the shortest decimal representation half
 * up, so 0.125 becomes "0.13" and 1.005 becomes "1.01"; Go rounds the exact binary value
 * half to even ("0.12", "1.00"). {@link BigDecimal#BigDecimal(double)} is that exact value.
 */
public final class GoNumbers {
    private GoNumbers() {
    }

    /** Go's {@code fmt.Sprintf("%.2f", v)}. */
    public static String fixed2(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        String s = new BigDecimal(v).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
        // BigDecimal drops the sign of a negative value that rounds to zero; Go keeps it.
        if (v < 0 && !s.startsWith("-")) {
            s = "-" + s;
        }
        return s;
    }

    /** Go's {@code fmt.Sprintf("%.2g", v)}: two significant digits, trailing zeros trimmed. */
    public static String general2(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return fixed2(v);
        }
        String sign = v < 0 || (v == 0 && 1 / v < 0) ? "-" : "";
        BigDecimal abs = new BigDecimal(Math.abs(v));
        if (abs.signum() == 0) {
            return sign + "0";
        }
        BigDecimal rounded = abs.round(new MathContext(2, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        String digits = rounded.unscaledValue().toString();
        int nd = digits.length();
        int dp = nd - rounded.scale(); // value = 0.digits * 10^dp, strconv's decimal point
        int prec = 2;
        int eprec = prec;
        if (eprec > nd && nd >= dp) {
            eprec = nd;
        }
        int exp = dp - 1;
        if (exp < -4 || exp >= eprec) {
            // %e with min(prec, nd) - 1 fraction digits and an exponent of at least two digits
            StringBuilder sb = new StringBuilder(sign).append(digits.charAt(0));
            int frac = Math.min(prec, nd) - 1;
            if (frac > 0) {
                sb.append('.').append(digits, 1, 1 + frac);
            }
            sb.append('e').append(exp < 0 ? '-' : '+');
            int e = Math.abs(exp);
            if (e < 10) {
                sb.append('0');
            }
            return sb.append(e).toString();
        }
        if (prec > dp) {
            prec = nd;
        }
        int decimals = Math.max(prec - dp, 0);
        return sign + rounded.setScale(decimals, RoundingMode.UNNECESSARY).toPlainString();
    }

    /** Pads {@code s} on the left to {@code width} characters, as Go's {@code %Ns} does. */
    public static String padLeft(String s, int width) {
        int n = s.codePointCount(0, s.length());
        if (n >= width) {
            return s;
        }
        return " ".repeat(width - n) + s;
    }
}
