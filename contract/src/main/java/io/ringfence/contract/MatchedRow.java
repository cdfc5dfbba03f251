package io.ringfence.contract;

/**
 * A decision-table row that decided, kept in the decision's explanation.
 *
 * @param table the decision table's name
 * @param row   1-based row number, as the editor shows it
 * @param id    the row's id in the DMN file (stable across edits that reorder rows)
 * @param why   the row's annotation: the analyst's reason for it
 */
public record MatchedRow(String table, int row, String id, String why) {
}
