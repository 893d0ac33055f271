/**
 * Persistence of fitted models: one documented, versioned JSON format, written and read with Jackson, never
 * Java serialization (which lets a crafted file run code).
 *
 * <h2>Format, version 1</h2>
 * A model file is one JSON object:
 * <pre>{@code
 * {"format": "segmentation-model", "version": 1, "type": "kmeans",
 *  "names": ["recency", "frequency"], "centroids": [[0.1, 2.0], [3.5, 1.0]], ...}
 * }</pre>
 * {@code format} is always {@code "segmentation-model"}; {@code version} is an integer, and a reader refuses a
 * version newer than it knows ({@link dev.segmentation.persist.ModelJson#VERSION}); {@code type} names the model
 * and fixes the other fields, which are the arguments of the model's static factory {@code of(...)} under the
 * same names. Types: {@code standardizer}, {@code min-max-scaler}, {@code robust-scaler}, {@code log1p},
 * {@code quantile-binner}, {@code one-hot-encoder}, {@code encoder-pipeline} (field {@code steps}: nested models
 * without {@code format}/{@code version}), {@code kmeans}, {@code mini-batch-kmeans}, {@code gaussian-mixture},
 * {@code rfm-segmenter}, {@code bgnbd}, {@code modified-bgnbd}, {@code pareto-nbd}, {@code gamma-gamma},
 * {@code logistic-regression}, {@code count-vectorizer} (with its {@code tokenizer}), {@code tfidf},
 * {@code naive-bayes} (multinomial and complement), {@code popularity} and {@code item-knn} (with their training
 * interaction {@code matrix} in CSR form: {@code customers}, {@code items}, {@code rowPtr}, {@code cols},
 * {@code values}), {@code implicit-als} (that {@code matrix}, {@code userFactors} and {@code itemFactors} as
 * one array per customer and per item, {@code lossHistory}, {@code converged}), {@code segment-popularity} (that
 * {@code matrix} and the {@code segments} label per customer, -1 for none; the rankings are recomputed),
 * {@code sparse-logistic-regression} ({@code intercept}, {@code coefficients} and the fit record),
 * {@code segment-catalog} ({@link dev.segmentation.pipeline.SegmentCatalog}: {@code features}, {@code segments}
 * of {@code id}, {@code name}, {@code archetype}, {@code action}, {@code share}, {@code centre}, the training
 * {@code customers} and their {@code labels}, {@code asOf}, {@code churnHorizonDays}, {@code clvHorizon},
 * {@code annualDiscountRate}, {@code topN}, and the ids of the recommender's indices {@code recommenderCustomers},
 * {@code recommenderItems}), {@code population-stability}
 * ({@link dev.segmentation.drift.PopulationStabilityModel}: {@code trainer}, a nested quantile {@code binner},
 * the reference {@code shares} (columns x bins), {@code epsilon}), and
 * {@code bundle} (field {@code models}: an object of named
 * nested models, see {@link dev.segmentation.persist.ModelBundle}). Doubles are written in Java's shortest round-trip form, so a
 * model read back scores bit-identically; a value that was not recorded (NaN) is written as {@code null}.
 * The BTYD models and Gamma-Gamma keep their parameters and time unit (ISO-8601, e.g. {@code "P7D"}); their
 * fit record (log-likelihood, standard errors) is written under {@code fit} for the reader's information and is
 * not restored.
 *
 * <h2>Validation</h2>
 * Reading checks the format name, the version, the type, every field's presence and JSON type, dimensions and
 * finiteness, and then passes the values through the model's own factory, which checks its parameter
 * constraints. Any refusal is a {@link dev.segmentation.persist.ModelFormatException} whose message names the
 * source and the JSON path of the offending field, e.g.
 * {@code "model.json: $.centroids[1] must have length 2 (one per feature), found 3"}.
 *
 * <p>Each released version has fixtures under {@code src/test/resources/persist/v1/} that every later build must
 * keep loading and scoring identically.
 */
package dev.segmentation.persist;
