/**
 * What every upload path shares: the refusal type an API maps to a response, and the hardened XML check
 * DMN and PMML files pass before an engine parses them. Plain Java, no engine.
 */
package io.ringfence.upload;
