package org.virtualwire.api;

/**
 * What a probe saw: sequenced packets sent at a fixed rate from one guest to another and back.
 *
 * @param from the endpoint whose guest sent
 * @param target the address probed
 * @param sent packets sent
 * @param received distinct packets answered
 * @param lost packets never answered
 * @param duplicates answers received more than once
 * @param reordered answers that arrived after a later one
 * @param longestGapMillis the longest time without an answer, in milliseconds
 * @param intervalMillis the sending interval, in milliseconds
 */
public record ProbeResult(EndpointId from, String target, long sent, long received, long lost, long duplicates,
        long reordered, double longestGapMillis, double intervalMillis) {
}
