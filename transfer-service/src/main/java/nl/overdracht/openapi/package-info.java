/**
 * The API's published contract: the OpenAPI document at {@code /q/openapi}, written at build time to
 * {@code target/openapi/} and committed as {@code api/openapi.yaml}.
 *
 * <p>Owns: what the resources' annotations cannot say once for every operation ({@link
 * nl.overdracht.openapi.ContractFilter}): the one {@code Problem} schema every 4xx and 5xx answer
 * refers to, the refusals every operation under {@code /api} can answer, the audience tags, the
 * servers.
 *
 * <p>Must not: describe an operation's own answers; those stay beside the operation, in its resource.
 */
package nl.overdracht.openapi;
