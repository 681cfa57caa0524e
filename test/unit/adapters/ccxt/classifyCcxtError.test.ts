import {
  AccountSuspended,
  AuthenticationError,
  BadRequest,
  BadResponse,
  BadSymbol,
  CancelPending,
  DDoSProtection,
  DuplicateOrderId,
  ExchangeError,
  ExchangeNotAvailable,
  InsufficientFunds,
  InvalidNonce,
  InvalidOrder,
  NetworkError,
  NotSupported,
  NullResponse,
  OnMaintenance,
  OrderImmediatelyFillable,
  OrderNotFound,
  PermissionDenied,
  RateLimitExceeded,
  RequestTimeout,
} from 'ccxt';
import { describe, expect, it } from 'vitest';
import { classifyCcxtError } from '../../../../lib/adapters/ccxt/classifyCcxtError.js';

describe('Function: classifyCcxtError', () => {
  // [error, category, retryable, mayHaveReachedVenue, errorClass]
  const table: ReadonlyArray<readonly [Error, string, boolean, boolean, string]> = [
    [new RateLimitExceeded('binance 429'), 'rateLimited', true, false, 'RateLimitExceeded'],
    [new DDoSProtection('binance 418'), 'rateLimited', true, false, 'DDoSProtection'],
    [new RequestTimeout('timed out'), 'timeout', true, true, 'RequestTimeout'],
    [new ExchangeNotAvailable('503'), 'unavailable', true, true, 'ExchangeNotAvailable'],
    [new OnMaintenance('maintenance'), 'unavailable', true, true, 'OnMaintenance'],
    [new InvalidNonce('-1021'), 'network', true, false, 'InvalidNonce'],
    [new NetworkError('socket hang up'), 'network', true, true, 'NetworkError'],
    [new BadResponse('not json'), 'badResponse', true, true, 'BadResponse'],
    [new NullResponse('empty'), 'badResponse', true, true, 'NullResponse'],
    [new OrderNotFound('-2013'), 'orderNotFound', false, false, 'OrderNotFound'],
    [new DuplicateOrderId('dup'), 'duplicateOrder', false, false, 'DuplicateOrderId'],
    [new OrderImmediatelyFillable('Stop price would trigger immediately.'), 'wouldTriggerImmediately', false, false, 'OrderImmediatelyFillable'],
    [new InvalidOrder('-2010'), 'invalidOrder', false, false, 'InvalidOrder'],
    [new InsufficientFunds('balance'), 'insufficientFunds', false, false, 'InsufficientFunds'],
    [new BadSymbol('-1121'), 'badSymbol', false, false, 'BadSymbol'],
    [new BadRequest('-1013 filter'), 'badRequest', false, false, 'BadRequest'],
    [new PermissionDenied('ip'), 'permissionDenied', false, false, 'PermissionDenied'],
    [new AuthenticationError('-2015'), 'authentication', false, false, 'AuthenticationError'],
    [new AccountSuspended('suspended'), 'authentication', false, false, 'AccountSuspended'],
    [new NotSupported('no'), 'notSupported', false, false, 'NotSupported'],
    [new ExchangeError('-1234'), 'rejected', false, false, 'ExchangeError'],
    [new CancelPending('pending'), 'unavailable', true, true, 'CancelPending'],
    [new TypeError('x is undefined'), 'unexpected', false, true, 'TypeError'],
  ];

  it.each(table)('classifies %s', (error, category, retryable, mayHaveReachedVenue, errorClass) => {
    expect(classifyCcxtError(error)).toEqual({ category, retryable, mayHaveReachedVenue, errorClass, message: error.message });
  });

  it('matches the most specific class first, though each also is an instance of its parents', () => {
    const error = new OrderNotFound('gone');
    expect(error).toBeInstanceOf(InvalidOrder);
    expect(error).toBeInstanceOf(ExchangeError);
    expect(classifyCcxtError(error).category).toBe('orderNotFound');
    expect(new RateLimitExceeded('x')).toBeInstanceOf(NetworkError);
    expect(classifyCcxtError(new RateLimitExceeded('x')).category).toBe('rateLimited');
  });

  it('recognises a ccxt error from a second copy of ccxt by its name', () => {
    const foreign = Object.assign(new Error('timed out'), { name: 'RequestTimeout' });
    expect(classifyCcxtError(foreign)).toMatchObject({ category: 'timeout', retryable: true, errorClass: 'RequestTimeout' });
  });

  it('classifies a thrown non-error as unexpected', () => {
    expect(classifyCcxtError('boom')).toEqual({ category: 'unexpected', errorClass: 'string', retryable: false, mayHaveReachedVenue: true, message: 'boom' });
  });
});
