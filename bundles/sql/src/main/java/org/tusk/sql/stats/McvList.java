package org.tusk.sql.stats;

/**
 * analyze.c's analyze_mcv_list: which of the most frequent sample values to keep as "most common"
 * when the list cannot describe the whole column. A value stays only if its sample count is
 * significantly above what it would be estimated at without the list (the non-MCV rows spread evenly
 * over the other distinct values, as eqsel assumes): above that count plus two standard deviations of
 * the hypergeometric distribution plus 0.5 for continuity. Values are dropped from the least common
 * end, so that a list of about equally common values is not dropped as a whole.
 */
final class McvList {

    private McvList() {
    }

    /**
     * @param counts     sample counts of the candidates, most common first
     * @param numMcv     how many candidates there are
     * @param stadistinct the column's stadistinct
     * @return how many of the first candidates to keep
     */
    static int significant(int[] counts, int numMcv, double stadistinct, double nullFrac, int sampleRows,
            double totalRows) {
        // A completely sampled table keeps the whole list (and avoids dividing by zero below).
        if (sampleRows == totalRows || totalRows <= 1.0) {
            return numMcv;
        }
        double ndistinctTable = stadistinct < 0 ? -stadistinct * totalRows : stadistinct;
        double sumCount = 0;
        for (int i = 0; i < numMcv - 1; i++) {
            sumCount += counts[i];
        }
        while (numMcv > 0) {
            // The selectivity the least common candidate would get if it were not in the list.
            double selec = 1.0 - sumCount / sampleRows - nullFrac;
            selec = Math.min(Math.max(selec, 0.0), 1.0);
            double otherDistinct = ndistinctTable - (numMcv - 1);
            if (otherDistinct > 1) {
                selec /= otherDistinct;
            }
            double bigN = totalRows;
            double n = sampleRows;
            double k = bigN * counts[numMcv - 1] / n;
            double variance = n * k * (bigN - k) * (bigN - n) / (bigN * bigN * (bigN - 1));
            double stddev = Math.sqrt(variance);
            if (counts[numMcv - 1] > selec * sampleRows + 2 * stddev + 0.5) {
                break; // significantly more common: keep it and every more common one
            }
            numMcv--;
            if (numMcv == 0) {
                break;
            }
            sumCount -= counts[numMcv - 1];
        }
        return numMcv;
    }
}
