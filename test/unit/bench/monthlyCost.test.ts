import { describe, expect, it } from 'vitest';
import { type MonthlyUsage, monthlyCost } from '../../../bench/cost/monthlyCost.js';

const quiet: MonthlyUsage = {
  functions: {
    decide: { invocationsPerMonth: 100_000, msPerInvocation: 100, memoryMb: 1024, readUnitsPerInvocation: 1, writeUnitsPerInvocation: 2, logBytesPerInvocation: 1000 },
  },
  sqsRequestsPerMonth: 500_000,
  customMetricMonths: 8,
  alarmMetrics: 10,
  dashboards: 1,
  secrets: 0,
  secretCallsPerMonth: 0,
  scheduledInvocationsPerMonth: 50_000,
  storedGb: 0.5,
};

describe('Function: monthlyCost', () => {
  it('charges only DynamoDB requests and PITR when everything else fits the free tiers', () => {
    const cost = monthlyCost(quiet);
    // 200,000 WRU × $0.625/M = $0.125; 100,000 RRU × $0.125/M = $0.0125; PITR 0.5 GB × $0.20 = $0.10.
    expect(cost.breakdown).toEqual({ lambda: 0, dynamodbRequests: 0.1375, dynamodbStorage: 0.1, sqs: 0, customMetrics: 0, alarms: 0, dashboards: 0, logs: 0.0028, secretsManager: 0, scheduler: 0 });
    expect(cost.totalUsd).toBe(0.2403);
    expect(cost.quantities).toMatchObject({ lambdaRequests: 100_000, lambdaGbSeconds: 10_000, dynamodbWriteUnits: 200_000 });
  });

  it('bills what passes each free tier: metrics, alarm metrics, SQS requests and a secret', () => {
    const cost = monthlyCost({ ...quiet, customMetricMonths: 12.5, alarmMetrics: 13, sqsRequestsPerMonth: 3_000_000, secrets: 1, secretCallsPerMonth: 20_000 });
    expect(cost.breakdown.customMetrics).toBe(0.75);
    expect(cost.breakdown.alarms).toBe(0.3);
    expect(cost.breakdown.sqs).toBe(1);
    expect(cost.breakdown.secretsManager).toBe(0.5);
  });
});
