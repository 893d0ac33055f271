/**
 * Persistence of fitted models: one documented, versioned JSON format, written and read with Jackson, never
 * Java serialization (which lets a crafted file run code).
 *
 * <h2>Format, versions 1 to 3</h2>
 * A model file is one JSON object:
 * <pre>{@code
 * {"format": "segmentation-model", "version": 3, "type": "kmeans",
 *  "names": ["recency", "frequency"], "centroids": [[0.1, 2.0], [3.5, 1.0]], ...,
 *  "provenance": {"trainer": "KMeans", "settings": {"k": "2", "seed": "42", ...}, ...}}
 * }</pre>
 * {@code format} is always {@code "segmentation-model"}; {@code version} is an integer, and a reader refuses a
 * version newer than it knows ({@link dev.segmentation.persist.ModelJson#VERSION}); {@code type} names the model
 * and fixes the other fields, which are the arguments of the model's static factory {@code of(...)} under the
 * same names. Types, in registration order: {@code standardizer}, {@code min-max-scaler}, {@code robust-scaler},
 * {@code log1p}, {@code quantile-binner}, {@code one-hot-encoder}, {@code encoder-pipeline} (field {@code steps}:
 * nested models without {@code format}/{@code version}), {@code kmeans}, {@code mini-batch-kmeans},
 * {@code gaussian-mixture}, {@code rfm-segmenter}, {@code bgnbd}, {@code modified-bgnbd}, {@code pareto-nbd},
 * {@code gamma-gamma}, {@code logistic-regression}, {@code count-vectorizer} (with its {@code tokenizer}),
 * {@code tfidf}, {@code naive-bayes} (multinomial and complement), {@code popularity} and {@code item-knn} (with
 * their training interaction {@code matrix} in CSR form: {@code customers}, {@code items}, {@code rowPtr},
 * {@code cols}, {@code values}), {@code item-knn-neighbors} (item kNN without the matrix,
 * {@link dev.segmentation.recommend.ItemKnnNeighborsModel}: {@code shrink}, {@code weighting},
 * {@code includeNonProducts}, {@code norms}, {@code customersPerItem}, {@code neighbors} and
 * {@code similarities} per item), {@code implicit-als} (that {@code matrix}, {@code userFactors} and
 * {@code itemFactors} as one array per customer and per item, {@code lossHistory}, {@code converged}),
 * {@code segment-popularity} (that {@code matrix} and the {@code segments} label per customer, -1 for none; the
 * rankings are recomputed), {@code sparse-logistic-regression} ({@code intercept}, {@code coefficients} and the
 * fit record), {@code bundle} (field {@code models}: an object of named nested models, see
 * {@link dev.segmentation.persist.ModelBundle}), {@code segment-catalog}
 * ({@link dev.segmentation.pipeline.SegmentCatalog}: {@code features}, {@code segments} of {@code id},
 * {@code name}, {@code archetype}, {@code action}, {@code share}, {@code centre}, the training {@code customers}
 * and their {@code labels}, {@code asOf}, {@code churnHorizonDays}, {@code clvHorizon},
 * {@code annualDiscountRate}, {@code topN}, and the ids of the recommender's indices
 * {@code recommenderCustomers}, {@code recommenderItems}) and {@code population-stability}
 * ({@link dev.segmentation.drift.PopulationStabilityModel}: a nested quantile {@code binner},
 * the reference {@code shares} (columns x bins), {@code epsilon}). Doubles are written in Java's shortest
 * round-trip form, so a model read back scores bit-identically; a value that was not recorded (NaN) is written
 * as {@code null}. The BTYD models and Gamma-Gamma keep their parameters and time unit (ISO-8601, e.g.
 * {@code "P7D"}); their fit record (log-likelihood, standard errors, convergence) is written under {@code fit}.
 *
 * <h2>Provenance (version 2)</h2>
 * Version 2 adds one member to each model object whose {@link dev.segmentation.Provenance} was recorded (every
 * model a trainer fits): {@code provenance}, with {@code trainer} (the trainer's name), {@code settings} (an
 * object of strings, in the trainer's order, without {@code threads}), {@code libraryVersion}, {@code rows}
 * (integer or null), {@code columns} (names, possibly empty), {@code dataFingerprint} (16 lower-case hexadecimal
 * digits, or null), {@code iterations} (integer or null), {@code convergence} ({@code CONVERGED},
 * {@code NOT_CONVERGED}, {@code NOT_ITERATIVE} or {@code NOT_RECORDED}), {@code stopReason} and
 * {@code objectiveHistory} (numbers, null for a value that could not be computed). A document is written as
 * version 2 only when it holds at least one {@code provenance}; otherwise it is written as version 1, byte for byte
 * what earlier builds wrote, so that they can still read it.
 *
 * <h2>Trainer description in the provenance only (version 3)</h2>
 * Up to version 2, eleven types also kept a {@code trainer} field of their own (the trainer's {@code toString()},
 * with its {@code threads}), and {@code kmeans} and {@code gaussian-mixture} a {@code dataFingerprint} (a signed
 * decimal integer): {@code kmeans}, {@code mini-batch-kmeans}, {@code gaussian-mixture}, {@code rfm-segmenter},
 * {@code logistic-regression}, {@code tfidf}, {@code naive-bayes}, {@code item-knn}, {@code implicit-als},
 * {@code sparse-logistic-regression} and {@code population-stability}. Version 3 drops those fields: the
 * provenance alone holds the trainer, its settings and the fingerprint, and the models' {@code trainer()} returns
 * {@link dev.segmentation.Provenance#description()}. These types are registered {@code since(3)}, and a document
 * holding one of them (at its top or nested) is written as version 3; any other document is written as version 1
 * or 2 exactly as before. A version-1 or version-2 file of these types keeps loading: when it has no
 * {@code provenance}, its {@code trainer} field (and fingerprint) becomes the model's provenance through
 * {@link dev.segmentation.Provenance#fromDescription(String)} (library version {@code "unknown"}, convergence
 * {@code NOT_RECORDED}); such a model is written back as version 3.
 *
 * <p>Reading: a model object with a {@code provenance} gets it back
 * ({@link dev.segmentation.FittedModel#withProvenance}); one without (every version-1 file other than the types of
 * version 3 above, and models made from given parameters) gets {@link dev.segmentation.Provenance#notRecorded()}: trainer {@code "unknown"},
 * convergence {@code NOT_RECORDED}, never a made-up value. A BG/NBD-family or Gamma-Gamma model read from version 2
 * reports the {@code converged()}, {@code iterations()}, {@code convergenceReason()} and {@code logLikelihood()}
 * (the last entry of the objective history) of its fit; one read from version 1 reports {@code converged() ==
 * false}, a NaN log-likelihood and {@code "not fitted: made from given parameters"}, and its provenance says
 * {@code NOT_RECORDED}: version 1 did not keep the fit. Standard errors are never restored (refit to get them).
 *
 * <h2>Validation</h2>
 * Reading checks the format name, the version, the type, every field's presence and JSON type, dimensions and
 * finiteness, and then passes the values through the model's own factory, which checks its parameter
 * constraints. Any refusal is a {@link dev.segmentation.persist.ModelFormatException} whose message names the
 * source and the JSON path of the offending field, e.g.
 * {@code "model.json: $.centroids[1] must have length 2 (one per feature), found 3"}.
 *
 * <h2>Adding a persistable model</h2>
 * Every type is registered once, in {@code Codecs.STANDARD}: its name in files, its class, a writer of its fields
 * and a reader that passes them to the model's factory. Adding a model family is
 * <ol>
 *   <li>in its own package: the model class implements {@link dev.segmentation.FittedModel} (a
 *       {@code provenance} field, {@code provenance()} and {@code withProvenance(...)}), has a public static
 *       {@code of(...)} factory that checks its arguments with {@code ParamChecks}, and its trainer ends
 *       {@code fit} with {@code .withProvenance(Provenance.builder(this).data(x)...build())};</li>
 *   <li>here: one registration line, e.g.
 *       {@code ModelType.of("kmeans", KMeansModel.class, Codecs::writeKMeans, Codecs::readKMeans)}, with the
 *       writer and reader beside it (a model holding other models registers with {@code ModelType.container}; a
 *       type whose fields changed in a later format version is registered with {@code .since(version)}, so that
 *       documents holding it are written with that version);</li>
 *   <li>a case in the tests' {@code ModelCases} (fit and score), which runs it through the round-trip, contract and
 *       fuzz suites, and the class name in {@link dev.segmentation.persist.ModelJson}'s list and the type name
 *       above ({@code ModelRegistryTest} fails until both match the registry).</li>
 * </ol>
 * The provenance needs nothing per type: it is written and read for every {@code FittedModel}.
 *
 * <p>Each released version has fixtures under {@code src/test/resources/persist/v1/}, {@code .../v2/} and
 * {@code .../v3/} that
 * every later build must keep loading and scoring identically.
 */
package dev.segmentation.persist;
