package dev.paved.core.target;

/**
 * List prices of a target for non-GPU resources, with where they come from.
 *
 * @param cpuHour dollars per vCPU-hour
 * @param memoryGiBHour dollars per GiB-hour of memory
 * @param storageGiBMonth dollars per GiB-month of persistent storage
 * @param source where the prices were read
 * @param date when they were read (YYYY-MM or YYYY-MM-DD)
 */
public record Prices(
    double cpuHour, double memoryGiBHour, double storageGiBMonth, String source, String date) {}
